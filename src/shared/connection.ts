import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionNode } from 'graphql';
import { ArgsType, type ClassType, Field, ID, Int, ObjectType } from 'type-graphql';
import { Bounds, CURSOR } from './bounds';
import { badInput } from './errors';

@ObjectType('PageInfo', { description: 'Where this page sits in the whole list (Relay cursor connections).' })
export class PageInfo {
  @Field({
    description: 'true when nodes follow the last edge: with `first`, more nodes (up to `before`, if given); with `last`, any node at or after `before`',
  })
  hasNextPage!: boolean;

  @Field({
    description: 'true when nodes precede the first edge: with `first`, any node at or before `after` (false without `after`); '
      + 'with `last`, more nodes (down to `after`, if given)',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'the cursor of the first edge; null when there are no edges' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'the cursor of the last edge; null when there are no edges' })
  endCursor!: string | null;
}

/**
 * Which page a client asked for: `first` nodes after `after`, or the `last`
 * nodes before `before` (exactly one of first and last). `after` and `before`
 * may both bound the list.
 */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  /**
   * The nodes' fields the client selected, when known: a list may then read
   * the neighbours those fields show (an order's supplier) in its own
   * statement instead of one more per field.
   */
  fields?: ReadonlySet<string>;
  /**
   * False when the client selects no cursor (no edges.cursor, no
   * pageInfo.startCursor or endCursor): the page then reads no key values
   * to make them from. Unset: it reads them.
   */
  cursors?: boolean;
  /**
   * The selection under a node field (an order's `supplier`, `lines`), when
   * known: a list that embeds that neighbour reads only the columns it shows
   * (embedNeighbours), an order page its lines in its own statement
   * (embedLines).
   */
  nested?: (field: string) => NestedSelection;
}

/**
 * The selection of one field where a query reaches it by a given path: every
 * field node there (aliases and fragments included) and the names of the
 * fields selected under them.
 */
export interface NestedSelection {
  nodes: readonly FieldNode[];
  fields: ReadonlySet<string>;
  /** The selection of `field` directly under these nodes. */
  below(field: string): NestedSelection;
}

/** A page as services return it: nodes in order, whether more follow or precede, and how to count them all. */
export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  cursorOf(node: T): string;
  /** Counted only when a client asks for totalCount. */
  count(): Promise<number>;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
}

export const MAX_PAGE_SIZE = 500;
const PAGE_SIZE = { min: 1, max: MAX_PAGE_SIZE };

/** The paging arguments of a keyset connection field: forward with first/after, backward with last/before. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: 50, description: 'at most this many nodes from the start (after `after`), 1 to 500; not with `last`' })
  @Bounds(PAGE_SIZE)
  first!: number;

  @Field(() => String, { nullable: true, description: 'an edge cursor this connection returned: start after it' })
  @Bounds(CURSOR)
  after!: string | null;

  @Field(() => Int, { nullable: true, description: 'at most this many nodes from the end (before `before`), 1 to 500, in the same order; not with `first`' })
  @Bounds(PAGE_SIZE)
  last!: number | null;

  @Field(() => String, { nullable: true, description: 'an edge cursor this connection returned: end before it' })
  @Bounds(CURSOR)
  before!: string | null;
}

/** ConnectionArgs of a connection whose contract sets a larger default page: `first` defaults to 500. */
@ArgsType()
export class LargePageConnectionArgs extends ConnectionArgs {
  @Field(() => Int, { defaultValue: MAX_PAGE_SIZE, description: 'at most this many nodes from the start (after `after`), 1 to 500; not with `last`' })
  @Bounds(PAGE_SIZE)
  override first!: number;
}

/** What a list field's paging arguments hold once validated. */
export interface ListPage {
  first: number;
  afterId: string | null;
}

/**
 * The paging arguments of a list field the contract types as a plain list
 * ([T!]!): at most `first` elements (default and most `max`, 500 unless
 * said), after the element whose id is `after`. A client that gets exactly
 * `first` elements back asks again with `after` set to the last one's id.
 */
export function listArgsType(options: { defaultFirst?: number; max?: number } = {}) {
  const { max = MAX_PAGE_SIZE, defaultFirst = max } = options;
  @ArgsType()
  class ListArgs {
    @Field(() => Int, {
      defaultValue: defaultFirst,
      description: `at most this many elements, 1 to ${max}; when exactly that many come back, ask for the next ones with \`after\``,
    })
    @Bounds({ min: 1, max })
    first!: number;

    @Field(() => ID, { nullable: true, description: 'the id of the last element of the previous page (same other arguments): start after it' })
    after!: string | null;
  }
  return ListArgs;
}

/** Paging arguments of plain list fields: first (default 500, at most 500) and after (an element's id). */
export const ListArgs = listArgsType();
export type ListArgs = InstanceType<typeof ListArgs>;

/** The validated page of a listArgsType field. */
export function listArgs(args: { first: number; after: string | null }, max = MAX_PAGE_SIZE): ListPage {
  return { first: pageSize(args.first, { fallback: max, max }), afterId: args.after ?? null };
}

/** What a nested list field's paging arguments hold. */
export interface ChildListPage {
  first: number;
  after: string | null;
}

/** The paging arguments of a nested list field (children of one object): `first` children after the child whose cursor is `after`. */
export function childListArgs(defaultFirst: number) {
  @ArgsType()
  class ChildListArgs {
    @Field(() => Int, {
      defaultValue: defaultFirst,
      description: `at most this many elements, 1 to 500 (default ${defaultFirst}); when exactly that many come back, ask for the next ones with \`after\``,
    })
    @Bounds(PAGE_SIZE)
    first!: number;

    @Field(() => String, { nullable: true, description: 'the `cursor` of the last element of the previous page: start after it' })
    @Bounds(CURSOR)
    after!: string | null;
  }
  return ChildListArgs;
}

/**
 * Relay connection types for a node type. totalCount is a method field so
 * the count query runs only when the client selects it.
 */
export function connectionType<T extends object>(name: string, nodeType: ClassType<T>, options: { totalCount?: boolean } = {}) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page of a ${name}Connection, with the cursor to page from it.` })
  class Edge {
    @Field({ description: 'opaque; pass it back as `after` (or `before`) to page from this edge' })
    cursor!: string;

    @Field(() => nodeType, { description: `the ${name} at this position of the list` })
    node!: T;
  }

  @ObjectType(`${name}ConnectionBase`)
  class BaseConnection {
    @Field(() => [Edge], { description: 'this page, in the list\'s order' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'whether nodes follow or precede this page, and its first and last cursors' })
    pageInfo!: PageInfo;

    totalCount!: () => Promise<number>;
  }

  if (options.totalCount === false) {
    class ConnectionWithoutCount extends BaseConnection {}
    ObjectType(`${name}Connection`, { description: connectionDescription(name) })(ConnectionWithoutCount);
    return ConnectionWithoutCount;
  }

  class Connection extends BaseConnection {
    @Field(() => Int, { name: 'totalCount', description: 'all matching nodes, not just this page' })
    countAll(): Promise<number> {
      return this.totalCount();
    }
  }
  ObjectType(`${name}Connection`, { description: connectionDescription(name) })(Connection);
  return Connection;
}

function connectionDescription(name: string): string {
  return `A page of ${name} nodes (Relay cursor connection): edges in order, and pageInfo to ask for the next or previous page.`;
}

/** An edge whose cursor is encoded when read (one class: an object literal with a getter makes a new function per edge). */
class Edge<T> {
  constructor(
    readonly node: T,
    private readonly page: Page<T>,
  ) {}
  get cursor(): string {
    return this.page.cursorOf(this.node);
  }
}

/**
 * A page's pageInfo whose cursors are made when read. A class, not an object
 * literal with getters and setters: such a literal, made per request, keeps
 * everything its accessors hold (the edges, the page, its rows) alive
 * through every young-generation collection of V8 until a full one, so every
 * connection's page was promoted to the old generation (README, Session 26
 * under Side by side).
 */
class LazyPageInfo<T> {
  // Private fields: the object's own keys stay hasNextPage and hasPreviousPage (a spread never carries the edges).
  #start: string | null | undefined;
  #end: string | null | undefined;
  readonly #edges: Edge<T>[];

  constructor(
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
    edges: Edge<T>[],
  ) {
    this.#edges = edges;
  }

  get startCursor(): string | null {
    return this.#start !== undefined ? this.#start : this.#edges.length ? this.#edges[0].cursor : null;
  }

  set startCursor(cursor: string | null) {
    this.#start = cursor;
  }

  get endCursor(): string | null {
    return this.#end !== undefined ? this.#end : this.#edges.length ? this.#edges[this.#edges.length - 1].cursor : null;
  }

  set endCursor(cursor: string | null) {
    this.#end = cursor;
  }
}

export function toConnection<T>(page: Page<T>): ConnectionShape<T> {
  // Cursors are made when a client selects them (getters): most lists are read without. A caller may still set
  // pageInfo's cursors (alerts keep `after` as the endCursor of an empty page).
  const edges = page.nodes.map((node) => new Edge(node, page));
  return {
    edges,
    pageInfo: new LazyPageInfo(page.hasNextPage, page.hasPreviousPage, edges),
    totalCount: () => page.count(),
  };
}

/** Validates a page size (`first` or `last`); pagination beyond `max` must use cursors. */
export function pageSize(n: number | null | undefined, options: { fallback?: number; max?: number; field?: 'first' | 'last' } = {}): number {
  const { fallback = 50, max = MAX_PAGE_SIZE, field = 'first' } = options;
  const size = n ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > max) throw badInput(field, `${field} must be from 1 to ${max}`);
  return size;
}

/**
 * The validated page of a connection field's ConnectionArgs. `first` has a
 * default, so it counts as given only when the query (or a variable) sets it:
 * `last` alone pages backward, `first` and `last` together are refused.
 */
export function pageArgs(args: ConnectionArgs, info: GraphQLResolveInfo): PageArgs {
  const { after = null, before = null } = args;
  const fields = selectedFields(info, ['edges', 'node'], ['nodes']);
  const cursors = selectsCursors(info);
  const nested = (field: string) => nestedSelection(info, field, ['edges', 'node'], ['nodes']);
  if (args.last == null) return { first: pageSize(args.first), after, before, fields, cursors, nested };
  if (explicitArgument(info, 'first')) throw badInput('last', 'Pass first or last, not both');
  return { last: pageSize(args.last, { field: 'last' }), after, before, fields, cursors, nested };
}

/** Whether a connection field's selection shows any cursor (edges.cursor, pageInfo.startCursor or endCursor): PageArgs.cursors. */
export function selectsCursors(info: GraphQLResolveInfo): boolean {
  const pageInfo = selectedFields(info, ['pageInfo']);
  return selectedFields(info, ['edges']).has('cursor') || pageInfo.has('startCursor') || pageInfo.has('endCursor');
}

/**
 * The names of the fields selected at the end of any of `paths` below the
 * current field (e.g. edges.node and nodes of a connection), through
 * fragments; directives are ignored (a field under @skip counts as selected).
 */
export function selectedFields(info: GraphQLResolveInfo, ...paths: string[][]): Set<string> {
  return new Set(fieldNodesAt(info, info.fieldNodes, paths).map((node) => node.name.value));
}

/**
 * The field nodes named `field` directly below the end of any of `paths`
 * (below the current field), and the names of the fields selected under
 * them; as selectedFields, through fragments and ignoring directives.
 */
export function nestedSelection(info: GraphQLResolveInfo, field: string, ...paths: string[][]): NestedSelection {
  return selectionAt(info, info.fieldNodes, field, paths);
}

function selectionAt(info: GraphQLResolveInfo, from: readonly FieldNode[], field: string, paths: string[][]): NestedSelection {
  const nodes = [...new Set(fieldNodesAt(info, from, paths).filter((node) => node.name.value === field))];
  return {
    nodes,
    fields: new Set(fieldNodesAt(info, nodes, [[]]).map((node) => node.name.value)),
    below: (inner) => selectionAt(info, nodes, inner, [[]]),
  };
}

/** Every field node selected at the end of any of `paths` below `from` (an empty path: the fields directly below). */
function fieldNodesAt(info: GraphQLResolveInfo, from: readonly FieldNode[], paths: string[][]): FieldNode[] {
  const found: FieldNode[] = [];
  const walk = (selections: readonly SelectionNode[], path: string[]) => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) {
        if (path.length === 0) found.push(selection);
        else if (selection.name.value === path[0] && selection.selectionSet) walk(selection.selectionSet.selections, path.slice(1));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet.selections, path);
      } else {
        const fragment = info.fragments[selection.name.value];
        if (fragment) walk(fragment.selectionSet.selections, path);
      }
    }
  };
  for (const node of from) if (node.selectionSet) for (const path of paths) walk(node.selectionSet.selections, path);
  return found;
}

/** Whether the client set the argument on this field itself (not left to its default). */
function explicitArgument(info: GraphQLResolveInfo, name: string): boolean {
  const node = info.fieldNodes[0]?.arguments?.find((arg) => arg.name.value === name);
  if (!node) return false;
  if (node.value.kind !== Kind.VARIABLE) return true;
  return info.variableValues[node.value.name.value] !== undefined;
}
