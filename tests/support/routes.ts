import path from "node:path";
import { UNSAFE_flatRoutes } from "@remix-run/dev";

// The app's routes as Remix itself reads them: its flat-routes convention, which @remix-run/dev
// exports as UNSAFE_flatRoutes ("unsafe": it may change in a minor release, so the version is
// pinned exactly in package.json and a change shows up here first). Tests that must cover every
// route take the list from here, so a new route joins them without anyone remembering.

export interface AppRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  file: string;
}

export function appRoutes(appDir = path.resolve("app")): Record<string, AppRoute> {
  return UNSAFE_flatRoutes(appDir, ["**/*.test.{ts,tsx}", "**/*.css"]) as Record<string, AppRoute>;
}
