// Strict lint: the habits in shared/STYLE.md, checked on every `npm test`.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

const nodeBuiltins = ["fs", "path", "crypto", "os", "child_process", "http", "https", "net", "url", "util", "stream", "worker_threads", "process"];
const builtinPatterns = nodeBuiltins.flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", ".data/**", "node_modules/**", ".cache/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node, ...globals.browser },
    },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/only-throw-error": "off",
      "@typescript-eslint/require-await": "off",
      "no-console": ["error", { allow: ["warn", "error", "info"] }],
    },
  },
  {
    files: ["eslint.config.js", "remix.config.js", "bin/**/*.js"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Workflows are replayed deterministically: no Node built-ins, no I/O.
    files: ["workflows/**/*.ts"],
    ignores: ["workflows/worker.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: builtinPatterns, message: "Workflows must be deterministic: no Node built-ins." }, { group: ["**/db/**", "**/*.server", "**/*.server.ts", "~/db*"], message: "Workflows reach the database through activities." }] }] },
  },
  {
    // The pure domain core: no database, no server modules, no Node built-ins, no Temporal.
    files: ["app/coding/**/*.ts", "app/authorizations/**/*.ts", "app/claims/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [
        { group: builtinPatterns, message: "Pure modules take data and time as arguments: no Node built-ins." },
        { group: ["**/db/**", "**/*.server", "**/*.server.ts", "@temporalio/*", "postgres", "@electric-sql/*"], message: "Pure modules do no I/O." },
        { group: ["**/tests/**"], message: "App code never imports tests." },
      ] }],
    },
  },
  {
    files: ["app/**/*.ts", "app/**/*.tsx", "db/**/*.ts", "activities/**/*.ts", "workflows/**/*.ts"],
    ignores: ["app/coding/**", "app/authorizations/**", "app/claims/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["**/tests/**"], message: "App code never imports tests." }] }] },
  },
);
