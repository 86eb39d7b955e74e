/**
 * Every module of the web process and of the worker process loads without replacing a built-in of
 * the realm: pdf.js (pdf-parse) bundles polyfills that swap Array.prototype.push and others for
 * slower JavaScript, so it is loaded only in its own thread (signing/page-text-thread.ts).
 */
const builtIns = () => ({
  'Array.prototype.push': Array.prototype.push,
  'Function.prototype.toString': Function.prototype.toString,
  'Set.prototype.union': (Set.prototype as unknown as Record<string, unknown>).union,
  'Promise.withResolvers': (Promise as unknown as Record<string, unknown>).withResolvers,
});

it('loads the modules of the web and the worker process without replacing a built-in', () => {
  const before = builtIns();
  jest.isolateModules(() => {
    require('./worker.module');
    require('./app.module');
  });
  expect(builtIns()).toEqual(before);
});
