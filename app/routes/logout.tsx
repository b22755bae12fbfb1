import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { signOut } from "~/auth.server";

export async function action({ request }: ActionFunctionArgs) {
  return signOut(request);
}

export async function loader() {
  return redirect("/");
}
