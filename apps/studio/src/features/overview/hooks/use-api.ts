import { useEffect, useState } from 'react';

export type Loadable<T> =
  { state: 'loading' } | { state: 'ready'; data: T } | { state: 'error'; message: string };

/** GETs a JSON endpoint of the api (skipped while `url` is null); aborted when the component unmounts. */
export function useApi<T>(url: string | null, token?: string): Loadable<T> {
  const [value, setValue] = useState<Loadable<T>>({ state: 'loading' });
  useEffect(() => {
    if (url === null) return;
    const controller = new AbortController();
    fetch(url, { signal: controller.signal, headers: token ? { authorization: `Bearer ${token}` } : {} })
      .then(async (response) => {
        if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
        setValue({ state: 'ready', data: (await response.json()) as T });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setValue({ state: 'error', message: String(error) });
      });
    return () => controller.abort();
  }, [url, token]);
  return value;
}
