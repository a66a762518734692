// Templates are plain Markdown files bundled as strings (esbuild's text loader; test/support/text-loader.mjs in tests).
declare module '*.md' {
  const text: string;
  export default text;
}
