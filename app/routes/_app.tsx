// The signed-in layout: every child route renders inside the shell.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { AppShell } from "~/components/app-shell";
import { RouteErrorPanel } from "~/components/error-panel";
import { sectionsFor } from "~/permissions";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { user: { name: user.name, email: user.email, organizationName: user.organizationName, roles: user.roles } };
}

export default function SignedInLayout() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <AppShell user={user} sections={sectionsFor(user.roles)}>
      <Outlet />
    </AppShell>
  );
}

/** A page that fails (a 403 for the role, a 404, an error) still shows inside the shell, with the navigation. */
export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("routes/_app");
  if (!data) return <RouteErrorPanel error={error} />;
  return (
    <AppShell user={data.user} sections={sectionsFor(data.user.roles)}>
      <RouteErrorPanel error={error} />
    </AppShell>
  );
}
