/**
 * Every paginated read ends. A service that sends back a next token it already sent, or keeps sending
 * new ones past what the read can legitimately hold, would otherwise be followed for ever: a repeated
 * nextToken once made 70,000 DescribeSourceServers calls in 150 s and grew the process to 1 GB.
 */

/** A paginated read stopped because the service's answers would never end it. Not retryable. */
export class PaginationError extends Error {
  override readonly name = 'PaginationError';
}

export interface PageBound<P> {
  /** Who answered what, for the message: `DRS DescribeSourceServers`. */
  operation: string;
  /** Most pages the read may take; derived from the service's quotas with headroom. */
  maxPages: number;
  /** The token that asks for the page after `page`; absent or empty on the last page. */
  nextToken(page: P): string | null | undefined;
}

/**
 * The pages of `pages`, ended with a PaginationError as soon as a page hands back a token an earlier
 * page already gave (a loop), or when another page would pass `maxPages`. Either way the next request
 * is never sent.
 */
export async function* boundedPages<P>(pages: AsyncIterable<P>, bound: PageBound<P>): AsyncGenerator<P> {
  const seen = new Set<string>();
  let count = 0;
  for await (const page of pages) {
    count++;
    yield page;
    const token = bound.nextToken(page);
    if (!token) continue;
    if (seen.has(token)) {
      throw new PaginationError(
        `${bound.operation}: page ${count} returned a next token that an earlier page already returned; stopped paging, as following it would never end`,
      );
    }
    if (count >= bound.maxPages) {
      throw new PaginationError(
        `${bound.operation}: still more pages after ${bound.maxPages}, more than the service's quotas allow for this read; stopped paging`,
      );
    }
    seen.add(token);
  }
}
