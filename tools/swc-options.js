// One set of swc settings for the tests, the runtime hook and the build: Nest's injection and
// TypeORM/class-validator need legacy decorators with emitted metadata, and class fields must not
// be defined (they would shadow decorated properties).
module.exports = {
  module: { type: 'commonjs' },
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
};
