import type { ReviewComment, SessionReview, WhatIfEdit, WhatIfResult } from '@livelab/contracts';
import { ApiError } from '../../api/client';

async function call<T>(method: string, path: string, token: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await response.json().catch(() => undefined)) as unknown;
  if (!response.ok) {
    const message = (data as { message?: unknown } | undefined)?.message;
    throw new ApiError(response.status, typeof message === 'string' ? message : response.statusText);
  }
  return data as T;
}

/** The review api; downloads and the video take the token in the URL (a browser loads them itself). */
export const reviewApi = {
  review: (token: string, sessionId: string) =>
    call<SessionReview>('GET', `/api/sessions/${sessionId}/review`, token),
  comments: (token: string, sessionId: string, fromMs: number, toMs: number) =>
    call<ReviewComment[]>(
      'GET',
      `/api/sessions/${sessionId}/review/comments?from=${Math.floor(fromMs)}&to=${Math.ceil(toMs)}`,
      token,
    ),
  whatIf: (token: string, sessionId: string, edits: WhatIfEdit[]) =>
    call<WhatIfResult>('POST', `/api/sessions/${sessionId}/review/what-if`, token, { edits }),
  share: (token: string, sessionId: string) =>
    call<{ token: string; path: string }>('POST', `/api/sessions/${sessionId}/review/share`, token),
  recordingUrl: (token: string, sessionId: string, segment = 0) =>
    `/api/sessions/${sessionId}/recording?token=${encodeURIComponent(token)}${segment > 0 ? `&segment=${segment}` : ''}`,
  pdfUrl: (token: string, sessionId: string) =>
    `/api/sessions/${sessionId}/review.pdf?token=${encodeURIComponent(token)}`,
  csvUrl: (token: string, sessionId: string, table: string) =>
    `/api/sessions/${sessionId}/export/${table}.csv?token=${encodeURIComponent(token)}`,
};
