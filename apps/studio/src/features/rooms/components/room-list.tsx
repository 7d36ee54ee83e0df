import { Fragment, useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { RoomSummary, SessionHistoryRow } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { localName } from '../../../i18n';
import { api } from '../../../api/client';
import { classesApi } from '../../classes/api';
import { SessionHistory } from '../../classes/components/session-history';
import { useApi } from '../../overview/hooks/use-api';
import { ScenarioEditor } from './scenario-editor';
import { JoinQr } from './join-qr';

interface ScenarioSummary {
  id: string;
  name: string;
  nameEn?: string;
  category: string;
}

/** The instructor's rooms with their codes, and a form to create one from a scenario. */
export function RoomList({ token, onOpen }: { token: string; onOpen: (roomId: string) => void }) {
  const { t, i18n } = useTranslation();
  // Re-read after the instructor saves a scenario of their own.
  const [scenarioVersion, setScenarioVersion] = useState(0);
  const [editingScenario, setEditingScenario] = useState(false);
  const scenarios = useApi<ScenarioSummary[]>(`/api/scenarios?v=${scenarioVersion}`);
  const [rooms, setRooms] = useState<RoomSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [scenarioId, setScenarioId] = useState('');
  const [viewers, setViewers] = useState(0);
  const [speed, setSpeed] = useState(1);
  const [qrFor, setQrFor] = useState<string | null>(null);
  /** The room whose sessions are unfolded under its row, with them once read. */
  const [history, setHistory] = useState<{ roomId: string; rows: SessionHistoryRow[] | null } | null>(null);
  const toggleHistory = (roomId: string) => {
    if (history?.roomId === roomId) return setHistory(null);
    setHistory({ roomId, rows: null });
    classesApi.roomHistory(token, roomId).then(
      (rows) => setHistory((open) => (open?.roomId === roomId ? { roomId, rows } : open)),
      (e: unknown) => setError(String(e)),
    );
  };
  const [startsAt, setStartsAt] = useState('');
  /** Operators (场控) may run the stream too (off: only the host tests, goes live, ends and publishes). */
  const [operatorRunsStream, setOperatorRunsStream] = useState(false);
  /** Empty: the api draws one. */
  const [seed, setSeed] = useState('');

  const refresh = useCallback(() => {
    api.rooms(token).then(setRooms, (e: unknown) => setError(String(e)));
  }, [token]);
  useEffect(refresh, [refresh]);

  const create = (event: FormEvent) => {
    event.preventDefault();
    const chosen = scenarioId || (scenarios.state === 'ready' ? scenarios.data[0]?.id : undefined);
    if (!chosen) return;
    api
      .createRoom(token, {
        name,
        scenarioId: chosen,
        viewers,
        speed,
        // The picker gives local wall time; phones show it back in their own time zone.
        ...(startsAt ? { startsAt: new Date(startsAt).toISOString() } : {}),
        ...(seed.trim() !== '' ? { seed: Number(seed) } : {}),
        ...(operatorRunsStream ? { operatorRunsStream: true } : {}),
      })
      .then((room) => {
        setName('');
        refresh();
        onOpen(room.id);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };

  return (
    <div className="grid">
      <section className="panel" data-testid="rooms">
        <h2>{t('rooms.title')}</h2>
        {rooms.length === 0 && <p className="muted">{t('rooms.empty')}</p>}
        <table className="table">
          <thead>
            <tr>
              <th>{t('rooms.name')}</th>
              <th>{t('rooms.scenario')}</th>
              <th>{t('rooms.joinCode')}</th>
              <th>{t('rooms.staffCode')}</th>
              <th>{t('rooms.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rooms.map((room) => (
              <Fragment key={room.id}>
                <tr data-room={room.id}>
                  <td>{room.name}</td>
                  <td className="muted">{room.scenarioId}</td>
                  <td className="code">
                    {room.joinCode}{' '}
                    <button
                      type="button"
                      className="link"
                      onClick={() => setQrFor(qrFor === room.id ? null : room.id)}
                      data-testid="show-qr"
                    >
                      {qrFor === room.id ? t('invite.hide') : t('invite.show')}
                    </button>
                    {qrFor === room.id && <JoinQr joinCode={room.joinCode} />}
                  </td>
                  <td className="code">{room.staffCode}</td>
                  <td>{room.session ? t(`status.${room.session.status}`) : '—'}</td>
                  <td className="row-actions">
                    <button type="button" className="link" onClick={() => onOpen(room.id)}>
                      {t('rooms.open')}
                    </button>
                    <button
                      type="button"
                      className="link"
                      onClick={() => toggleHistory(room.id)}
                      data-testid="room-sessions"
                    >
                      {history?.roomId === room.id ? t('rooms.hideSessions') : t('rooms.sessions')}
                    </button>
                  </td>
                </tr>
                {history?.roomId === room.id && (
                  <tr>
                    <td colSpan={6}>{history.rows && <SessionHistory rows={history.rows} />}</td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <div className="panel-head">
          <h2>{t('rooms.create')}</h2>
          <button type="button" className="link" onClick={() => setEditingScenario(!editingScenario)}>
            {editingScenario ? t('scenarioEditor.close') : t('scenarioEditor.open')}
          </button>
        </div>
        {editingScenario && (
          <ScenarioEditor
            token={token}
            onCreated={(id) => {
              setScenarioVersion((v) => v + 1);
              setScenarioId(id);
              setEditingScenario(false);
            }}
          />
        )}
        <form className="form" onSubmit={create} data-testid="create-room">
          <label>
            {t('rooms.name')}
            <input name="roomName" value={name} onChange={(e) => setName(e.target.value)} required />
          </label>
          <label>
            {t('rooms.scenario')}
            <select name="scenario" value={scenarioId} onChange={(e) => setScenarioId(e.target.value)}>
              {scenarios.state === 'ready' &&
                scenarios.data.map((s) => (
                  <option key={s.id} value={s.id}>
                    {localName(s, i18n.language)}
                  </option>
                ))}
            </select>
          </label>
          <label>
            {t('rooms.viewers')}
            <input
              name="viewers"
              type="number"
              min={0}
              max={1000000}
              value={viewers}
              onChange={(e) => setViewers(Number(e.target.value))}
            />
          </label>
          <label>
            {t('rooms.speed')}
            <select name="speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
              {[1, 2, 5, 10].map((s) => (
                <option key={s} value={s}>
                  {s === 1 ? t('rooms.realTime') : `×${s}`}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('rooms.startsAt')}
            <input
              name="startsAt"
              type="datetime-local"
              value={startsAt}
              onChange={(e) => setStartsAt(e.target.value)}
            />
          </label>
          <label>
            {t('rooms.seed')}
            <input
              name="seed"
              type="number"
              min={0}
              max={2 ** 31 - 1}
              step={1}
              value={seed}
              onChange={(e) => setSeed(e.target.value)}
            />
          </label>
          <label className="check">
            <input
              name="operatorRunsStream"
              type="checkbox"
              checked={operatorRunsStream}
              onChange={(e) => setOperatorRunsStream(e.target.checked)}
            />
            {t('rooms.operatorRunsStream')}
          </label>
          {error && <p className="bad">{error}</p>}
          <button type="submit" className="primary">
            {t('rooms.createButton')}
          </button>
        </form>
      </section>
    </div>
  );
}
