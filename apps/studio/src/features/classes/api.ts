import type {
  ClassDetail,
  ClassSummary,
  ClipJobView,
  CreateClassRequest,
  PublishClipRequest,
  CsPracticeView,
  StartCsPracticeRequest,
  LeaderboardRow,
  ReflectionRequest,
  RoomSummary,
  SessionAssessment,
  SessionHistoryRow,
} from '@livelab/contracts';
import type { DataExerciseAnswers, DataExerciseGrade, ExerciseQuestion } from '@livelab/engagement';
import { ApiError, request } from '../../api/client';

const call = <T>(method: string, path: string, token: string, body?: unknown): Promise<T> =>
  request<T>(method, path, body, token);

export interface ExerciseState {
  questions: ExerciseQuestion[];
  answered: { answers: DataExerciseAnswers; result: DataExerciseGrade; at: string } | null;
}

/** Classes, history and assessment (the token always in the header: nothing here is loaded by URL). */
export const classesApi = {
  list: (token: string) => call<ClassSummary[]>('GET', '/api/classes', token),
  create: (token: string, body: CreateClassRequest) =>
    call<ClassSummary>('POST', '/api/classes', token, body),
  join: (token: string, code: string) => call<ClassSummary>('POST', '/api/classes/join', token, { code }),
  detail: (token: string, classId: string) => call<ClassDetail>('GET', `/api/classes/${classId}`, token),
  practice: (token: string, classId: string) =>
    call<RoomSummary>('POST', `/api/classes/${classId}/practice`, token),
  history: (token: string, classId: string) =>
    call<SessionHistoryRow[]>('GET', `/api/classes/${classId}/history`, token),
  leaderboard: (token: string, classId: string) =>
    call<LeaderboardRow[]>('GET', `/api/classes/${classId}/leaderboard`, token),
  roomHistory: (token: string, roomId: string) =>
    call<SessionHistoryRow[]>('GET', `/api/rooms/${roomId}/sessions`, token),
  myHistory: (token: string) => call<SessionHistoryRow[]>('GET', '/api/me/history', token),
  /** The grade book, fetched with the token in the header and handed to the browser as a file. */
  async downloadGradeBook(token: string, classId: string): Promise<void> {
    const response = await fetch(`/api/classes/${classId}/gradebook.csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw new ApiError(response.status, response.statusText);
    const name =
      /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'gradebook.csv';
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
  assessment: (token: string, sessionId: string) =>
    call<SessionAssessment>('GET', `/api/sessions/${sessionId}/assessment`, token),
  override: (token: string, sessionId: string, item: string, points: number, comment: string) =>
    call<SessionAssessment>('POST', `/api/sessions/${sessionId}/assessment/overrides`, token, {
      item,
      points,
      comment,
    }),
  reflect: (token: string, sessionId: string, reflection: ReflectionRequest) =>
    call<SessionAssessment>('PUT', `/api/sessions/${sessionId}/assessment/reflection`, token, reflection),
  gradeReflection: (token: string, sessionId: string, points: number, comment: string) =>
    call<SessionAssessment>('POST', `/api/sessions/${sessionId}/assessment/reflection/grade`, token, {
      points,
      comment,
    }),
  startCs: (token: string, body: StartCsPracticeRequest) =>
    call<CsPracticeView>('POST', '/api/practice/cs', token, body),
  csList: (token: string) => call<CsPracticeView[]>('GET', '/api/practice/cs', token),
  csReply: (token: string, id: string, text: string) =>
    call<CsPracticeView>('POST', `/api/practice/cs/${id}/reply`, token, { text }),
  csFinish: (token: string, id: string, identification: { type?: string; cause?: string }) =>
    call<CsPracticeView>('POST', `/api/practice/cs/${id}/finish`, token, identification),
  cover: (token: string, id: string, atSec: number) =>
    call<ClipJobView>('POST', `/api/clips/${id}/cover`, token, { atSec }),
  publish: (token: string, id: string, body: PublishClipRequest) =>
    call<ClipJobView>('POST', `/api/clips/${id}/publish`, token, body),
  uploads: (token: string) => call<ClipJobView[]>('GET', '/api/clips/uploads', token),
  /** Multipart (the file is streamed by the browser); errors read like every other call's. */
  async uploadVideo(token: string, file: File, caption: string): Promise<ClipJobView> {
    const form = new FormData();
    form.append('caption', caption);
    form.append('video', file, file.name);
    const response = await fetch('/api/clips/upload', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    const data = (await response.json().catch(() => undefined)) as { message?: unknown } | undefined;
    if (!response.ok)
      throw new ApiError(
        response.status,
        typeof data?.message === 'string' ? data.message : response.statusText,
      );
    return data as ClipJobView;
  },
  exercise: (token: string, sessionId: string) =>
    call<ExerciseState>('GET', `/api/sessions/${sessionId}/assessment/exercise`, token),
  answerExercise: (token: string, sessionId: string, answers: DataExerciseAnswers) =>
    call<ExerciseState>('POST', `/api/sessions/${sessionId}/assessment/exercise`, token, { answers }),
};
