/**
 * The layers of src/ (README "Layout"): imports point down only, and nothing imports in a cycle.
 *   entries  src/{index,post,cli-main,cli-run,bundle,main,cli,action-inputs,rehearse}.ts
 *   modes    src/modes/, src/review/, src/history/ (history records drills through GitHub and renders)
 *   report   src/report/ (renderers of the Report model)
 *   engine   src/engine/
 *   edges    src/plan/, src/aws/, src/github/, src/iam/
 *   core     src/core/ and the shared files at src/ top level (errors, io, modes, inputs, run-env,
 *            paginate, cli-io)
 * The local AWS emulator (emulator/) is a test and rehearsal tool, not part of the action: only the
 * entry src/rehearse.ts (`drs-drill rehearse`, loaded on demand) may import it.
 */
const layer = {
  entries: '^src/(index|post|cli-main|cli-run|bundle|main|cli|action-inputs|rehearse)\\.ts$',
  modes: '^src/(modes|review|history)/',
  report: '^src/report/',
  engine: '^src/engine/',
  edges: '^src/(plan|aws|github|iam)/',
};
const below = (name, forbidden) => ({
  name: `${name}-imports-down-only`,
  severity: 'error',
  comment: `${name} may not import from a layer above it`,
  from: { path: layer[name] },
  to: { path: forbidden },
});
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: { path: '^src/' }, to: { circular: true } },
    below('modes', layer.entries),
    below('report', `${layer.entries}|${layer.modes}`),
    below('engine', `${layer.entries}|${layer.modes}|${layer.report}`),
    below('edges', `${layer.entries}|${layer.modes}|${layer.report}|${layer.engine}`),
    {
      name: 'core-imports-core-only',
      severity: 'error',
      from: { path: '^src/(core/|[^/]+\\.ts$)', pathNot: layer.entries },
      to: { path: `${layer.entries}|${layer.modes}|${layer.report}|${layer.engine}|${layer.edges}` },
    },
    {
      name: 'emulator-only-in-rehearse',
      severity: 'error',
      comment: 'the emulator stays out of the action: only the rehearse entry (its own chunk) loads it',
      from: { path: '^src/', pathNot: '^src/rehearse\\.ts$' },
      to: { path: '^emulator/' },
    },
    {
      name: 'toolkit-only-in-entries-and-adapters',
      severity: 'error',
      comment: 'the GitHub toolkit is used by the entry files and the adapters that are injected',
      from: { path: '^src/', pathNot: `${layer.entries}|^src/(github|history)/|^src/report/artifact\\.ts$` },
      to: { path: '^node_modules/@actions/' },
    },
    {
      name: 'aws-sdk-through-sdk-ts',
      severity: 'error',
      comment:
        'src reaches the AWS SDK clients only through src/aws/sdk.ts, the module the build replaces by a tree-shaken bundle',
      from: { path: '^src/', pathNot: '^src/aws/sdk\\.ts$' },
      to: { path: '^node_modules/@aws-sdk/client-' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // emulator/ is in the graph as far as src/rehearse.ts reaches it, so the rule above sees imports of it.
    exclude: { path: '^(dist|test|bench|scripts)/' },
  },
};
