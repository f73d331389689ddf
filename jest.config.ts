/**
 * All jest projects. Each transforms TypeScript with babel-jest and inline presets (configFile: false), so the
 * repo's babel.config.js stays Taro's own. Run one: `npx jest --selectProjects client`.
 * (jest 29 loads this TypeScript config through ts-node.)
 */
import type { Config } from 'jest'

// Tests never read the machine's time zone: they run in China time (the product's), or in the zone CI picks with
// TUANKA_TEST_TZ to catch code that leans on the process's zone. Set before jest starts its workers, which inherit it.
process.env.TZ = process.env.TUANKA_TEST_TZ ?? 'Asia/Shanghai'

const clockSetup = '<rootDir>/tests/support/clock-setup.ts'

type Project = Exclude<NonNullable<Config['projects']>[number], string>
type Transformer = [string, Record<string, unknown>]

const nodeBabel: Transformer = [
  'babel-jest',
  {
    configFile: false,
    babelrc: false,
    presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
  },
]

const reactBabel: Transformer = [
  'babel-jest',
  {
    configFile: false,
    babelrc: false,
    presets: [
      ['@babel/preset-env', { targets: { node: 'current' } }],
      ['@babel/preset-react', { runtime: 'automatic' }],
      '@babel/preset-typescript',
    ],
  },
]

const aliases = {
  '^@/(.*)$': '<rootDir>/src/$1',
  '^@core/(.*)$': '<rootDir>/core/$1',
}

const nodeProject = (displayName: string, testMatch: string[]): Project => ({
  displayName,
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch,
  transform: { '^.+\\.[jt]s$': nodeBabel },
  moduleNameMapper: aliases,
  setupFiles: [clockSetup],
})

const config: Config = {
  // Stacks (database + gateway) start per test file; give them room on a 2-core machine.
  testTimeout: 30_000,
  projects: [
    nodeProject('core', ['<rootDir>/core/**/*.test.ts']),
    nodeProject('unit', ['<rootDir>/tests/unit/**/*.test.ts']),
    nodeProject('cloudbase', ['<rootDir>/local/cloudbase/test/**/*.test.ts']),
    nodeProject('functions', ['<rootDir>/tests/integration/**/*.test.ts']),
    {
      displayName: 'client',
      rootDir: __dirname,
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}', '<rootDir>/tests/client/**/*.test.{ts,tsx}'],
      transform: { '^.+\\.m?[jt]sx?$': reactBabel },
      // Taro's components and their web-component runtime ship as ESM.
      transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm|@tarojs|@stencil|swiper|classnames|tslib)/)'],
      // First match wins: assets before the path aliases.
      moduleNameMapper: {
        '\\.(css|less|scss|sass)$': '<rootDir>/tests/support/taro-mock-style.ts',
        '\\.(png|jpe?g|gif|svg|webp)$': '<rootDir>/tests/support/taro-mock-file.ts',
        '^@tarojs/taro$': '<rootDir>/tests/support/taro-mock.ts',
        '^@tarojs/components$': '@tarojs/components/lib/react',
        ...aliases,
      },
      setupFiles: [clockSetup, '<rootDir>/tests/support/taro-mock-env.ts'],
      globals: {
        // Taro's compile-time globals (what the Taro build defines).
        ENABLE_INNER_HTML: true,
        ENABLE_ADJACENT_HTML: true,
        ENABLE_SIZE_APIS: true,
        ENABLE_TEMPLATE_CONTENT: true,
        ENABLE_MUTATION_OBSERVER: true,
        ENABLE_CLONE_NODE: true,
        ENABLE_CONTAINS: true,
        DEPRECATED_ADAPTER_COMPONENT: false,
        __TARO_FRAMEWORK__: 'react',
        // Tuanka's build constants (config/index.ts); the client tests run as the h5 build.
        TUANKA_BACKEND: 'gateway',
        TUANKA_API_BASE: '',
        TUANKA_CLOUD_ENV: 'tuanka-test',
      },
    },
    {
      ...nodeProject('weapp', ['<rootDir>/tests/weapp/**/*.test.ts']),
      // The compiled mini-program is loaded as built, never transformed.
      transformIgnorePatterns: ['/node_modules/', '<rootDir>/dist/'],
    },
    nodeProject('browser', ['<rootDir>/tests/browser/**/*.test.ts']),
  ],
}

export default config
