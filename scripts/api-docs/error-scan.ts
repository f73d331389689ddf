import path from 'node:path'
import ts from 'typescript'
import { contracts } from '../../core/contracts'
import { isErrorCode, type ErrorCode } from '../../core/errors'
import { docsProgram, isRepoFile, ROOT } from './program'

/**
 * The error codes each action's handler can reach, found by reading the code: from the action's `case` in
 * cloudfunctions/<fn>/index.ts, every function it calls (and every constant or function it names) in this
 * repository is followed, transitively, and every string literal that is an error code is collected — thrown
 * (`new AppError('X')`), returned (`fail('X')`), or carried in a result (`{ error: 'X' }`).
 *
 * An over-approximation on purpose: a helper's codes count for every action that calls it. It cannot see
 * through an interface to its implementations (payment and transfer gateways), which answer provider codes only.
 */
export function scanActionErrors(): Record<string, ErrorCode[]> {
  const fns = Object.keys(contracts)
  const program = docsProgram()
  const checker = program.getTypeChecker()
  const out: Record<string, ErrorCode[]> = {}
  for (const fn of fns) {
    const sf = program.getSourceFile(path.join(ROOT, `cloudfunctions/${fn}/index.ts`))
    if (!sf) throw new Error(`cloudfunctions/${fn}/index.ts not in the program`)
    for (const [action, body] of actionCases(sf)) out[`${fn}.${action}`] = [...collect(checker, body)].sort()
  }
  return out
}

/** `case '<action>': <statements>` of the dispatch switch on `req.action`. */
function actionCases(sf: ts.SourceFile): Map<string, ts.Node[]> {
  const cases = new Map<string, ts.Node[]>()
  const visit = (n: ts.Node): void => {
    if (ts.isSwitchStatement(n) && /\.action$/.test(n.expression.getText(sf))) {
      for (const clause of n.caseBlock.clauses) {
        if (ts.isCaseClause(clause) && ts.isStringLiteral(clause.expression)) cases.set(clause.expression.text, [...clause.statements])
      }
    }
    ts.forEachChild(n, visit)
  }
  visit(sf)
  return cases
}

function collect(checker: ts.TypeChecker, roots: ts.Node[]): Set<ErrorCode> {
  const codes = new Set<ErrorCode>()
  const seen = new Set<ts.Node>()
  const queue = [...roots]
  const follow = (decl: ts.Node | undefined) => {
    if (!decl || seen.has(decl) || !isRepoFile(decl.getSourceFile())) return
    const body = bodyOf(decl)
    if (!body) return
    seen.add(decl)
    queue.push(body)
  }
  const walk = (n: ts.Node): void => {
    if (ts.isTypeNode(n) || ts.isImportDeclaration(n) || ts.isInterfaceDeclaration(n) || ts.isTypeAliasDeclaration(n)) return
    if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && isErrorCode(n.text)) codes.add(n.text)
    if (ts.isIdentifier(n)) for (const d of declarationsOf(checker, n)) follow(d)
    ts.forEachChild(n, walk)
  }
  for (let n = queue.shift(); n; n = queue.shift()) walk(n)
  return codes
}

function declarationsOf(checker: ts.TypeChecker, id: ts.Identifier): ts.Node[] {
  let sym = checker.getSymbolAtLocation(id)
  if (!sym) return []
  if (sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym)
  const decls = [...(sym.declarations ?? [])]
  // A function taken from a dynamic import (`const { f } = await import('./m')`): its type names the declaration.
  if (decls.some((d) => ts.isBindingElement(d))) decls.push(...(checker.getTypeAtLocation(id).getSymbol()?.declarations ?? []))
  return decls
}

/** What runs when a declaration is used: a function's body, a constant's initializer, a method's body. */
function bodyOf(d: ts.Node): ts.Node | undefined {
  if (ts.isFunctionDeclaration(d) || ts.isMethodDeclaration(d) || ts.isFunctionExpression(d) || ts.isArrowFunction(d)) return d.body
  if (ts.isVariableDeclaration(d) || ts.isPropertyAssignment(d) || ts.isPropertyDeclaration(d)) return d.initializer
  return undefined
}
