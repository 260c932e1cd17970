// Calls an entry point and returns what it threw or rejected with (undefined when it accepted
// the input). A LazyList is never awaited: awaiting it would start the walk and send requests.
import { LazyList } from '@meterbook/sdk';

export async function refusalOf(call: () => unknown): Promise<unknown> {
  try {
    const value = call();
    if (value instanceof LazyList) return undefined;
    if (value instanceof Promise) await value;
    return undefined;
  } catch (error) {
    return error;
  }
}
