/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // The classic compiler (no Vite), as the customer's design card asks.
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Pure-ESM packages that must be bundled into the server build.
  serverDependenciesToBundle: [/^@radix-ui\/themes/],
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}", "**/*.server.test.{ts,tsx}", "**/__tests__/**"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
