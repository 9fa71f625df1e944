/**
 * How `npm run build` writes dist/package/custom-elements.json (@custom-elements-manifest/analyzer, with its Lit plugin).
 * Editors, Storybook and docs read it; the plugin below tells it what it cannot see in our source by itself.
 */
export default {
  globs: ['src/widget/**/*.ts'],
  exclude: ['src/widget/**/*.test.ts'],
  outdir: 'dist/package',
  // The generated dist/package/package.json names custom-elements.json itself; the analyzer must not rewrite it.
  packagejson: false,
  litelement: true,
  plugins: [bookwellElements()],
};

/**
 * - Tags are registered through the guarded `define(tag, Class)` of src/widget/define.ts, not customElements.define.
 * - Properties declared `{ state: true }` are the element's inner state: no attribute, not public.
 * - Private and protected members are not the element's API and are left out, so the manifest lists only what
 *   docs/widget.md documents: attributes, properties, events, parts and CSS properties.
 * - Only events named like ours (`bookwell-...`) are events; the analyzer also picks up constructor arguments.
 */
function bookwellElements() {
  /** @type {Map<string, string>} class name -> tag */
  const tags = new Map();
  /** @type {Map<string, Set<string>>} class name -> its state properties */
  const states = new Map();
  return {
    name: 'bookwell-elements',
    analyzePhase({ ts, node }) {
      if (ts.isCallExpression(node) && node.expression.getText() === 'define' && node.arguments.length === 2) {
        const [tag, element] = node.arguments;
        if (tag && element && ts.isStringLiteral(tag)) tags.set(element.getText(), tag.text);
      }
      if (
        ts.isPropertyDeclaration(node) &&
        node.name.getText() === 'properties' &&
        node.initializer &&
        ts.isObjectLiteralExpression(node.initializer)
      ) {
        const owner = ts.isClassDeclaration(node.parent) ? node.parent.name?.getText() : undefined;
        if (!owner) return;
        const state = new Set();
        for (const property of node.initializer.properties) {
          if (!ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.initializer)) continue;
          const isState = property.initializer.properties.some(
            (option) => ts.isPropertyAssignment(option) && option.name.getText() === 'state' && option.initializer.kind === ts.SyntaxKind.TrueKeyword,
          );
          if (isState) state.add(property.name.getText());
        }
        states.set(owner, state);
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.customElement) continue;
          const tag = tags.get(declaration.name);
          if (tag) declaration.tagName = tag;
          const state = states.get(declaration.name) ?? new Set();
          declaration.attributes = (declaration.attributes ?? []).filter((attribute) => !state.has(attribute.fieldName ?? attribute.name));
          declaration.members = (declaration.members ?? []).filter(
            (member) => !state.has(member.name) && (member.privacy ?? 'public') === 'public' && !member.name.startsWith('#'),
          );
          declaration.events = (declaration.events ?? []).filter((event) => /^bookwell-[a-z-]+$/.test(event.name ?? ''));
        }
      }
    },
  };
}
