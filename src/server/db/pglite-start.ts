/**
 * A PGlite database as it stands, to start new ones from: its folder dumped, and PGlite's WASM compiled once. A
 * database opened from it skips initdb (two WASM instances and a second of work) and shares the compiled code.
 */
export interface PGliteImage {
  data: Blob;
  wasm: WebAssembly.Module;
}

/** Where a PGlite starts: a folder (none: in memory), and an image to load into it. */
export interface PGliteStart {
  dir: string | undefined;
  image: PGliteImage | undefined;
}

/** PGlite.create's options for a start. */
export const pgliteOptions = ({ dir, image }: PGliteStart) => ({
  ...(dir ? { dataDir: dir } : {}),
  ...(image ? { loadDataDir: image.data, pgliteWasmModule: image.wasm } : {}),
});
