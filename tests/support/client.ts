/** A GraphQL client over real HTTP, as API users have. */
export interface GqlResult<T = any> { data?: T; errors?: Array<{ message: string; extensions?: Record<string, any>; path?: string[] }>; status: number }

export async function gql<T = any>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string | null): Promise<GqlResult<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as GqlResult<T>;
  return { ...body, status: res.status };
}

/** Like gql, but throws on any error; returns data. */
export async function ok<T = any>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string | null): Promise<T> {
  const result = await gql<T>(url, query, variables, token);
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data as T;
}

/** The error of a call that must fail: its code, message and extensions. */
export async function fails(url: string, query: string, variables: Record<string, unknown> = {}, token?: string | null) {
  const result = await gql(url, query, variables, token);
  if (!result.errors?.length) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
  const [error] = result.errors;
  return { code: error.extensions?.code as string, message: error.message, extensions: error.extensions ?? {}, all: result.errors };
}
