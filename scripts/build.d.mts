/** Types for build.mjs, which stays plain JavaScript so `npm start` can run it before anything is compiled. */
export function buildBot(options?: { outdir?: string; entryPoints?: Record<string, string> }): Promise<string[]>;
