import Redis from 'ioredis';

/** BenchEnv removes databases and streams; a case's BullMQ keys in Redis are the case's to remove. */
export async function removeJobKeys(prefix: string, url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `${prefix}*`, count: 500 }) as AsyncIterable<string[]>) keys.push(...batch);
    if (keys.length) await redis.del(...keys);
  } catch (e) {
    console.error(`bench: could not remove Redis keys ${prefix}*: ${(e as Error).message}`);
  } finally {
    redis.disconnect();
  }
}
