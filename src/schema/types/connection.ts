import { ClassType, Field, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'Where a page of a list ends and whether more follow.' })
export class PageInfo {
  @Field({ description: 'True when another page follows; ask again with after: endCursor.' }) hasNextPage: boolean;
  @Field({ description: 'True when items come before this page (it was asked for after a cursor); lists page forward only, so this is not a count.' }) hasPreviousPage: boolean;
  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page (null when the page is empty).' }) startCursor: string | null;
  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page.' }) endCursor: string | null;
}

export interface EdgeShape<T> { cursor: string; node: T }
export interface ConnectionShape<T> { edges: EdgeShape<T>[]; pageInfo: PageInfo; totalCount?: number }

/** A Relay connection type for one item type. */
export function Connection<T extends object>(Item: ClassType<T>, name: string, what: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `One ${what} in a page, with its cursor.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this item; pass it as after to continue.' }) cursor: string;
    @Field(() => Item, { description: `The ${what}.` }) node: T;
  }
  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: `A page of ${what}s.` })
  class ConnectionType {
    @Field(() => [Edge], { description: `The ${what}s of this page.` }) edges: Edge[];
    @Field(() => PageInfo, { description: 'Paging information.' }) pageInfo: PageInfo;
  }
  return ConnectionType;
}

export function toConnection<T>(page: { items: T[]; hasNextPage: boolean; hasPreviousPage: boolean; cursorOf(item: T): string }): ConnectionShape<T> {
  const edges = page.items.map((node) => ({ cursor: page.cursorOf(node), node }));
  return { edges, pageInfo: pageInfoOf(edges, page) };
}

/** The PageInfo of a page's edges: every connection builds it here, so each fills all four fields. */
export function pageInfoOf(edges: ReadonlyArray<{ cursor: string }>, page: { hasNextPage: boolean; hasPreviousPage: boolean }, emptyEndCursor: string | null = null): PageInfo {
  return {
    hasNextPage: page.hasNextPage, hasPreviousPage: page.hasPreviousPage,
    startCursor: edges.length ? edges[0].cursor : null, endCursor: edges.length ? edges[edges.length - 1].cursor : emptyEndCursor,
  };
}
