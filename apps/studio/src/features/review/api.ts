import type {
  ClipJobView,
  CreateClipRequest,
  ReviewComment,
  SessionReview,
  WhatIfEdit,
  WhatIfResult,
} from '@livelab/contracts';
import { request } from '../../api/client';

const call = <T>(method: string, path: string, token: string, body?: unknown): Promise<T> =>
  request<T>(method, path, body, token);

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
  clips: (token: string, sessionId: string) =>
    call<ClipJobView[]>('GET', `/api/sessions/${sessionId}/clips`, token),
  createClip: (token: string, sessionId: string, clip: CreateClipRequest) =>
    call<ClipJobView>('POST', `/api/sessions/${sessionId}/clips`, token, clip),
};
