// One vitest run, four projects: pure unit tests, database integration tests,
// Temporal workflow tests (bundle + replay + activities) and browser e2e tests.
import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const alias = { "~": fileURLToPath(new URL("./app", import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["tests/unit/**/*.test.ts", "app/**/*.test.ts"], environment: "node", globals: true } },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globals: true,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      { resolve: { alias }, test: { name: "workflows", include: ["tests/workflows/**/*.test.ts"], environment: "node", globals: true, testTimeout: 120_000, hookTimeout: 120_000 } },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          globals: true,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
