declare module 'rate-limiter-flexible/lib/RateLimiterStoreAbstract' {
  /**
   * The base class of rate-limiter-flexible's store-backed limiters (its
   * documented way to add a store: implement _upsert, _get, _delete and
   * _getRateLimiterRes). The package's types declare it, but its index does
   * not export it at run time, hence this path.
   */
  import { RateLimiterStoreAbstract } from 'rate-limiter-flexible';
  export = RateLimiterStoreAbstract;
}
