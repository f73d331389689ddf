/**
 * mingo publishes its operator modules as package `exports` subpaths, which the repo's `moduleResolution: node`
 * does not read; these point the type checker at mingo's own declarations for the subpaths used here.
 */
declare module 'mingo/aggregator' {
  export * from 'mingo/types/aggregator'
}
declare module 'mingo/core' {
  export * from 'mingo/types/core/index'
}
declare module 'mingo/lazy' {
  export * from 'mingo/types/lazy'
}
declare module 'mingo/query' {
  export * from 'mingo/types/query'
}
declare module 'mingo/util' {
  export * from 'mingo/types/util/index'
}
declare module 'mingo/operators/accumulator' {
  export * from 'mingo/types/operators/accumulator/index'
}
declare module 'mingo/operators/expression' {
  export * from 'mingo/types/operators/expression/index'
}
declare module 'mingo/operators/expression/date' {
  export * from 'mingo/types/operators/expression/date/index'
}
declare module 'mingo/operators/expression/string' {
  export * from 'mingo/types/operators/expression/string/index'
}
declare module 'mingo/operators/pipeline' {
  export * from 'mingo/types/operators/pipeline/index'
}
declare module 'mingo/operators/projection' {
  export * from 'mingo/types/operators/projection/index'
}
declare module 'mingo/operators/query' {
  export * from 'mingo/types/operators/query/index'
}
declare module 'mingo/operators/window' {
  export * from 'mingo/types/operators/window/index'
}
