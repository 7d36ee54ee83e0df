/**
 * Classes and assessment over the real api: an instructor's exam class, two trainees who join with the code
 * and host their own rooms with their accounts, the exam ending itself at its length, the class wall, the
 * instructor's overrides (both values kept, an audit trail), the written 复盘 and its grade, the leaderboard,
 * the history and the grade book.
 */
import type {
  ClassDetail,
  ClassSummary,
  CsPracticeView,
  LeaderboardRow,
  RoomSummary,
  SessionAssessment,
  SessionHistoryRow,
  SessionReport,
} from '@livelab/contracts';
import { describe, expect, inject, it } from 'vitest';
import { apiSuite } from '../support/api-suite';
import { apiDatabaseKinds } from '../support/postgres-database';
import { waitFor } from '../support/room-client';

const targets = apiDatabaseKinds(inject('postgresAvailable'));

describe.each(targets)('classes and assessment over the api on %s', (kind) => {
  const suite = apiSuite(kind);

  it('runs an exam class from the join code to the grade book, with overrides kept as an audit trail', async () => {
    const { client, connections } = suite;
    const teacher = await client.instructor();
    const ana = await client.trainee('李娜');
    const bo = await client.trainee('王博');
    expect(ana.user.role).toBe('trainee');

    // A trainee cannot create a class; bad input is refused with the field named.
    expect(
      (await client.request('POST', '/api/classes', { name: 'x', scenarioId: 'apparel-autumn' }, ana.token))
        .status,
    ).toBe(403);
    const bad = await client.request<{ errors: Array<{ path: string }> }>(
      'POST',
      '/api/classes',
      { name: '', scenarioId: 'apparel-autumn', durationMin: 0 },
      teacher.token,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.path).sort()).toEqual(['durationMin', 'name']);

    const exam = await client.ok<ClassSummary>(
      'POST',
      '/api/classes',
      {
        name: '直播电商 2班 期末',
        scenarioId: 'apparel-autumn',
        exam: true,
        durationMin: 2,
        speed: 60,
        viewers: 200,
        seed: 11,
      },
      teacher.token,
    );
    expect(exam.settings).toMatchObject({ exam: true, seed: 11, durationMin: 2 });

    // Join with the code (any case); a wrong code and an instructor are refused.
    expect((await client.request('POST', '/api/classes/join', { code: 'ZZZZZZ' }, ana.token)).status).toBe(
      404,
    );
    expect(
      (await client.request('POST', '/api/classes/join', { code: exam.joinCode }, teacher.token)).status,
    ).toBe(403);
    await client.ok('POST', '/api/classes/join', { code: exam.joinCode.toLowerCase() }, ana.token);
    await client.ok('POST', '/api/classes/join', { code: exam.joinCode }, bo.token);
    expect(
      (await client.ok<ClassSummary[]>('GET', '/api/classes', undefined, ana.token)).map((c) => c.id),
    ).toEqual([exam.id]);

    // Each trainee gets a room of their own with the exam's fixed audience.
    const anaRoom = await client.ok<RoomSummary>(
      'POST',
      `/api/classes/${exam.id}/practice`,
      undefined,
      ana.token,
    );
    const boRoom = await client.ok<RoomSummary>(
      'POST',
      `/api/classes/${exam.id}/practice`,
      undefined,
      bo.token,
    );
    expect(anaRoom.id).not.toBe(boRoom.id);
    expect([anaRoom.seed, boRoom.seed]).toEqual([11, 11]);
    expect(anaRoom.settings).toMatchObject({ exam: true, endAfterSec: 120, speed: 60 });
    // A trainee's account opens nothing in a classmate's room.
    expect((await client.request('GET', `/api/rooms/${boRoom.id}`, undefined, ana.token)).status).toBe(403);
    // Practice rooms stay off the instructor's own room list (they are on the class wall).
    expect((await client.ok<RoomSummary[]>('GET', '/api/rooms', undefined, teacher.token)).length).toBe(0);

    // Both go live with their accounts as the host; 王博 ends early, 李娜's exam ends itself at 2:00.
    const anaHost = await client.connect(ana.token, anaRoom.id);
    const boHost = await client.connect(bo.token, boRoom.id);
    connections.push(anaHost, boHost);
    expect(anaHost.state?.you.role).toBe('host');
    await anaHost.must({ type: 'goLive' });
    await boHost.must({ type: 'goLive' });
    const wall = await client.ok<ClassDetail>('GET', `/api/classes/${exam.id}`, undefined, teacher.token);
    expect(wall.rooms.map((r) => r.trainee.name).sort()).toEqual(['李娜', '王博']);
    expect(wall.membersList).toHaveLength(2);
    await boHost.must({ type: 'end' });
    const anaSession = anaRoom.session!.id;
    const boSession = boRoom.session!.id;
    await waitFor(async () => {
      const detail = await client.ok<ClassDetail>('GET', `/api/classes/${exam.id}`, undefined, teacher.token);
      return detail.rooms.every((r) => r.session?.status === 'ended' && r.session.score !== null)
        ? detail
        : undefined;
    }, 30_000);
    const anaReport = await client.report(ana.token, anaSession);
    expect(anaReport.durationSec).toBe(120);

    // An exam is taken once: neither the class nor the room opens another session for the trainee.
    expect(
      (await client.request('POST', `/api/rooms/${anaRoom.id}/sessions`, undefined, ana.token)).status,
    ).toBe(409);
    expect(
      (await client.request('POST', `/api/classes/${exam.id}/practice`, undefined, ana.token)).status,
    ).toBe(409);

    // Overrides: the room's instructor only, a known item, within its maximum, with a reason.
    const item = anaReport.scoreBreakdown.find((candidate) => candidate.max >= 10)!;
    const path = `/api/sessions/${anaSession}/assessment/overrides`;
    expect(
      (await client.request('POST', path, { item: item.key, points: 1, comment: '我觉得更好' }, ana.token))
        .status,
    ).toBe(403);
    expect(
      (await client.request('POST', path, { item: 'nope', points: 1, comment: '理由' }, teacher.token))
        .status,
    ).toBe(400);
    expect(
      (
        await client.request(
          'POST',
          path,
          { item: item.key, points: item.max + 1, comment: '理由' },
          teacher.token,
        )
      ).status,
    ).toBe(400);
    expect((await client.request('POST', path, { item: item.key, points: 1 }, teacher.token)).status).toBe(
      400,
    );
    const target = item.points >= item.max ? item.max - 3 : item.max;
    const first = await client.ok<SessionAssessment>(
      'POST',
      path,
      { item: item.key, points: target, comment: '开场欢迎与关注引导到位，录像 0:20 可见' },
      teacher.token,
    );
    expect(first.computedScore).toBe(anaReport.score);
    expect(first.finalScore).toBeCloseTo(anaReport.score - item.points + target, 5);
    expect(first.current[item.key]).toMatchObject({ computed: item.points, points: target, by: '王老师' });
    const second = await client.ok<SessionAssessment>(
      'POST',
      path,
      { item: item.key, points: target - 1, comment: '复核后扣 1 分' },
      teacher.token,
    );
    expect(second.overrides.map((o) => [o.computed, o.before, o.after])).toEqual([
      [item.points, item.points, target],
      [item.points, target, target - 1],
    ]);
    expect(second.finalScore).toBeCloseTo(anaReport.score - item.points + target - 1, 5);
    // The trainee sees both values and the trail, and may not grade.
    const seen = await client.ok<SessionAssessment>(
      'GET',
      `/api/sessions/${anaSession}/assessment`,
      undefined,
      ana.token,
    );
    expect(seen).toMatchObject({
      computedScore: anaReport.score,
      finalScore: second.finalScore,
      canGrade: false,
      canAnswer: true,
    });
    expect(seen.overrides).toHaveLength(2);

    // The 复盘: written by the trainee, graded by the instructor, then fixed.
    const reflection = {
      targets: 'GMV 目标 ¥5000，实际见报告',
      problems: ['开场拉停留不足', '问题回复慢', '福袋后流失'],
      measures: ['前 3 分钟福袋', '场控整理高频问题', '福袋后立即讲爆款'],
    };
    expect(
      (
        await client.request(
          'PUT',
          `/api/sessions/${anaSession}/assessment/reflection`,
          { ...reflection, problems: ['只有一条'] },
          ana.token,
        )
      ).status,
    ).toBe(400);
    await client.ok('PUT', `/api/sessions/${anaSession}/assessment/reflection`, reflection, ana.token);
    expect(
      (
        await client.request(
          'POST',
          `/api/sessions/${anaSession}/assessment/reflection/grade`,
          { points: 15 },
          ana.token,
        )
      ).status,
    ).toBe(403);
    const graded = await client.ok<SessionAssessment>(
      'POST',
      `/api/sessions/${anaSession}/assessment/reflection/grade`,
      { points: 16, comment: '措施具体' },
      teacher.token,
    );
    expect(graded.reflectionGrade).toMatchObject({ points: 16, max: 20, comment: '措施具体' });
    expect(
      (
        await client.request(
          'PUT',
          `/api/sessions/${anaSession}/assessment/reflection`,
          reflection,
          ana.token,
        )
      ).status,
    ).toBe(409);

    // The data exercise from the trainee's own figures: the answers are not sent with the questions.
    const exercisePath = `/api/sessions/${anaSession}/assessment/exercise`;
    const exercise = await client.ok<{ questions: Array<{ key: string }>; answered: null }>(
      'GET',
      exercisePath,
      undefined,
      ana.token,
    );
    expect(exercise.questions.map((q) => q.key)).toEqual(
      expect.arrayContaining(['pv', 'conversion', 'gpm', 'bounceRate']),
    );
    expect(JSON.stringify(exercise)).not.toMatch(/expected|tolerance/);
    const answers = {
      pv: anaReport.metrics.pv,
      conversion: anaReport.metrics.conversion * 100,
      gpm: anaReport.metrics.gpm * 2 + 5,
    };
    expect((await client.request('POST', exercisePath, { answers }, teacher.token)).status).toBe(403);
    expect(
      (await client.request('POST', exercisePath, { answers: { pv: 'x'.repeat(65) } }, ana.token)).status,
    ).toBe(400);
    const graded1 = await client.ok<{
      answered: { result: { score: number; max: number; items: Array<{ key: string; correct: boolean }> } };
    }>('POST', exercisePath, { answers }, ana.token);
    const verdicts = Object.fromEntries(graded1.answered.result.items.map((i) => [i.key, i.correct]));
    expect(verdicts).toMatchObject({ pv: true, conversion: true, gpm: false, ctor: false });
    expect((await client.request('POST', exercisePath, { answers }, ana.token)).status).toBe(409);

    // Leaderboard, history and grade book agree with the final scores.
    const boReport = await client.report(bo.token, boSession);
    const board = await client.ok<LeaderboardRow[]>(
      'GET',
      `/api/classes/${exam.id}/leaderboard`,
      undefined,
      teacher.token,
    );
    const finals = new Map([
      ['李娜', second.finalScore],
      ['王博', boReport.score],
    ]);
    expect(board.map((row) => [row.trainee.name, row.best])).toEqual(
      [...finals.entries()].sort((a, b) => b[1] - a[1]),
    );
    expect(board.map((row) => row.rank)).toEqual([1, 2]);
    const history = await client.ok<SessionHistoryRow[]>(
      'GET',
      `/api/classes/${exam.id}/history`,
      undefined,
      teacher.token,
    );
    expect(history.map((row) => row.sessionId).sort()).toEqual([anaSession, boSession].sort());
    const anaRow = history.find((row) => row.sessionId === anaSession)!;
    expect(anaRow).toMatchObject({
      score: anaReport.score,
      finalScore: second.finalScore,
      reflectionGrade: { points: 16, max: 20 },
    });
    const mine = await client.ok<SessionHistoryRow[]>('GET', '/api/me/history', undefined, bo.token);
    expect(mine.map((row) => row.sessionId)).toEqual([boSession]);
    const roomRows = await client.ok<SessionHistoryRow[]>(
      'GET',
      `/api/rooms/${anaRoom.id}/sessions`,
      undefined,
      teacher.token,
    );
    expect(roomRows.map((row) => [row.sessionId, row.trainee?.name])).toEqual([[anaSession, '李娜']]);
    expect(
      (await client.request('GET', `/api/classes/${exam.id}/gradebook.csv`, undefined, ana.token)).status,
    ).toBe(403);
    const csv = await fetch(`${suite.api.baseUrl}/api/classes/${exam.id}/gradebook.csv`, {
      headers: { authorization: `Bearer ${teacher.token}` },
    });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^rank,username,name,sessions,best_final_score/);
    expect(lines).toHaveLength(3);
    const anaLine = lines.find((line) => line.includes('李娜'))!;
    expect(anaLine).toContain(ana.user.username);
    expect(anaLine).toContain(`${item.key} ${target}→${target - 1} (王老师: 复核后扣 1 分)`);
    expect(anaLine).toContain('16/20');
    expect(lines.some((line) => line.includes('王博') && line.includes(String(boReport.score)))).toBe(true);
  });

  it('lets a trainee practise again in a practice class, each attempt in the history', async () => {
    const { client, connections } = suite;
    const teacher = await client.instructor();
    const ana = await client.trainee('李娜');
    const practice = await client.ok<ClassSummary>(
      'POST',
      '/api/classes',
      { name: '练习班', scenarioId: 'beauty-skincare', speed: 60 },
      teacher.token,
    );
    expect(practice.settings.exam).toBe(false);
    expect(practice.settings.seed).toBeUndefined();
    await client.ok('POST', '/api/classes/join', { code: practice.joinCode }, ana.token);
    const room = await client.ok<RoomSummary>(
      'POST',
      `/api/classes/${practice.id}/practice`,
      undefined,
      ana.token,
    );
    expect(room.settings.exam).toBeUndefined();
    const host = await client.connect(ana.token, room.id);
    connections.push(host);
    await host.must({ type: 'goLive' });
    await host.must({ type: 'end' });
    host.close();
    const again = await waitFor(async () => {
      const result = await client.request<RoomSummary>(
        'POST',
        `/api/classes/${practice.id}/practice`,
        undefined,
        ana.token,
      );
      return result.status === 200 ? result.body : undefined;
    }, 10_000);
    expect(again.id).toBe(room.id);
    expect(again.session!.id).not.toBe(room.session!.id);
    expect(again.session!.status).toBe('pre');
    const rows = await client.ok<SessionHistoryRow[]>(
      'GET',
      `/api/classes/${practice.id}/history`,
      undefined,
      ana.token,
    );
    expect(rows.map((row) => row.status)).toEqual(['pre', 'ended']);
    const report = await client.report(ana.token, room.session!.id);
    expect(rows[1]).toMatchObject({ score: report.score, finalScore: report.score });
    void (report satisfies SessionReport);
  });

  it('holds a customer-service complaint conversation and grades it, revealing the case only with the grade', async () => {
    const { client } = suite;
    const ana = await client.trainee('李娜');
    const other = await client.trainee('王博');
    expect(
      (
        await client.request(
          'POST',
          '/api/practice/cs',
          { scenarioId: 'agri-harvest', kind: 'chat' },
          ana.token,
        )
      ).status,
    ).toBe(400);
    const started = await client.ok<CsPracticeView>(
      'POST',
      '/api/practice/cs',
      { scenarioId: 'agri-harvest', kind: 'complaint', seed: 3 },
      ana.token,
    );
    expect(started.transcript).toHaveLength(1);
    expect(started.transcript[0]!.from).toBe('customer');
    expect(started.options.map((o) => o.type)).toContain('quality');
    // Nothing before the grade tells the trainee what the complaint really is.
    expect(Object.keys(started).sort()).toEqual([
      'createdAt',
      'customer',
      'done',
      'grade',
      'id',
      'kind',
      'options',
      'outcome',
      'product',
      'scenarioId',
      'seed',
      'transcript',
    ]);
    expect(JSON.stringify(started)).not.toMatch(/"(complaint|objection|truth|csCase)":/);
    expect(started.grade).toBeNull();
    expect(
      (await client.request('GET', `/api/practice/cs/${started.id}`, undefined, other.token)).status,
    ).toBe(404);
    const path = `/api/practice/cs/${started.id}`;
    expect((await client.request('POST', `${path}/reply`, { text: '   ' }, ana.token)).status).toBe(400);
    let view = started;
    for (const text of [
      '非常抱歉给您带来不便，给您添麻烦了！',
      '麻烦您提供一下订单号和收到商品的照片，我帮您核实一下情况。',
      '核实了，我们马上为您补发一份，或者您也可以选择全额退款。',
      '补发后我会第一时间把快递单号发给您，收到后有问题随时联系我们，七天无理由退换，售后有保障。',
    ]) {
      view = await client.ok<CsPracticeView>('POST', `${path}/reply`, { text }, ana.token);
    }
    expect(view.transcript.filter((turn) => turn.from === 'trainee')).toHaveLength(4);
    expect(view.transcript.length).toBeGreaterThan(8);
    const graded = await client.ok<CsPracticeView>('POST', `${path}/finish`, { type: 'quality' }, ana.token);
    expect(graded.grade!.truth).not.toBeNull();
    expect(graded.grade!.items.find((item) => item.key === 'apologise')).toMatchObject({
      points: 12,
      max: 12,
    });
    expect(graded.grade!.missingSteps.map((s) => s.step)).not.toContain('apologise');
    expect((await client.request('POST', `${path}/reply`, { text: '还在吗' }, ana.token)).status).toBe(409);
    const list = await client.ok<CsPracticeView[]>('GET', '/api/practice/cs', undefined, ana.token);
    expect(list.map((p) => [p.id, p.grade?.score])).toEqual([[started.id, graded.grade!.score]]);
  });
});
