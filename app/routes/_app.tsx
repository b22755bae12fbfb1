// The signed-in layout: every child route renders inside the shell.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { AppShell } from "~/components/app-shell";
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
