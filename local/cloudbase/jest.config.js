/**
 * Tests of the local CloudBase server only. Inline babel options (configFile: false) keep the repo's Taro
 * babel.config.js out of the way. Run: npx jest -c local/cloudbase/jest.config.js
 */
module.exports = {
  rootDir: __dirname,
  displayName: 'cloudbase',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      'babel-jest',
      {
        configFile: false,
        babelrc: false,
        presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
      },
    ],
  },
  testTimeout: 30000,
}
