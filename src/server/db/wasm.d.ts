// Node has WebAssembly, but its types live in TypeScript's DOM lib, which the backend does not load: the part used here.
declare namespace WebAssembly {
  /** An opaque compiled module, as in lib.dom. */
  class Module {
    private constructor();
  }
  function compile(bytes: ArrayBufferView | ArrayBuffer): Promise<Module>;
}
