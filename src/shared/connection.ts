import { type ClassType, Field, Int, ObjectType } from 'type-graphql';
import { badInput } from './errors';

@ObjectType('PageInfo')
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** A page as services return it: nodes in order, whether more follow, and how to count them all. */
export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  cursorOf(node: T): string;
  /** Counted only when a client asks for totalCount. */
  count(): Promise<number>;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
}

/**
 * Relay connection types for a node type. totalCount is a method field so
 * the count query runs only when the client selects it.
 */
export function connectionType<T extends object>(name: string, nodeType: ClassType<T>, options: { totalCount?: boolean } = {}) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}ConnectionBase`)
  class BaseConnection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    totalCount!: () => Promise<number>;
  }

  if (options.totalCount === false) {
    class ConnectionWithoutCount extends BaseConnection {}
    ObjectType(`${name}Connection`)(ConnectionWithoutCount);
    return ConnectionWithoutCount;
  }

  class Connection extends BaseConnection {
    @Field(() => Int, { name: 'totalCount', description: 'all matching nodes, not just this page' })
    countAll(): Promise<number> {
      return this.totalCount();
    }
  }
  ObjectType(`${name}Connection`)(Connection);
  return Connection;
}

export function toConnection<T>(page: Page<T>): ConnectionShape<T> {
  const edges = page.nodes.map((node) => ({ cursor: page.cursorOf(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    totalCount: () => page.count(),
  };
}

export const MAX_PAGE_SIZE = 500;

/** Validates `first`; pagination beyond MAX_PAGE_SIZE must use cursors. */
export function pageSize(first: number | null | undefined, fallback = 50): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) throw badInput('first', `first must be from 1 to ${MAX_PAGE_SIZE}`);
  return n;
}

/** Cursors are opaque to clients: base64url of the sort key. */
export const encodeCursor = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');

export function decodeCursor(cursor: string | null | undefined, field = 'after'): string | null {
  if (cursor == null) return null;
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!key || encodeCursor(key) !== cursor) throw badInput(field, 'Invalid cursor');
  return key;
}
