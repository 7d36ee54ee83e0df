import { useCallback, useEffect, useState } from 'react';
import type { RoomSummary } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { SignIn } from './features/auth/components/sign-in';
import type { StudioIdentity } from './features/auth/session-store';
import { loadIdentity, saveIdentity } from './features/auth/session-store';
import { ClassList } from './features/classes/components/class-list';
import { ClassPage } from './features/classes/components/class-page';
import { CsPractice } from './features/classes/components/cs-practice';
import { MyVideos } from './features/classes/components/my-videos';
import { RoomHistory } from './features/classes/components/room-history';
import { TraineeHome } from './features/classes/components/trainee-home';
import { Console } from './features/console/components/console';
import { HealthPanel } from './features/overview/components/health-panel';
import { ScenarioList } from './features/overview/components/scenario-list';
import { useApi } from './features/overview/hooks/use-api';
import { ReviewPage, reviewRoute } from './features/review/components/review-page';
import { RoomList } from './features/rooms/components/room-list';
import { LanguageSwitch } from './i18n/language-switch';

/** Where the studio is (kept in the address, so a reload or a shared link lands in the same place). */
interface Place {
  room?: string;
  class?: string;
  watch?: boolean;
  cs?: boolean;
}

function placeFromUrl(): Place {
  const query = new URLSearchParams(window.location.search);
  return {
    ...(query.get('room') ? { room: query.get('room')! } : {}),
    ...(query.get('class') ? { class: query.get('class')! } : {}),
    ...(query.get('watch') === '1' ? { watch: true } : {}),
    ...(query.get('cs') === '1' ? { cs: true } : {}),
  };
}

function usePlace(): [Place, (next: Place) => void] {
  const [place, setPlace] = useState<Place>(placeFromUrl);
  useEffect(() => {
    const onPop = () => setPlace(placeFromUrl());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const go = useCallback((next: Place) => {
    const query = new URLSearchParams();
    if (next.class) query.set('class', next.class);
    if (next.room) query.set('room', next.room);
    if (next.watch) query.set('watch', '1');
    if (next.cs) query.set('cs', '1');
    const search = query.toString();
    window.history.pushState(null, '', search ? `/?${search}` : '/');
    setPlace(next);
  }, []);
  return [place, go];
}

/**
 * A room as its staff open it: the live console with the scenario's targets, or — once its session has
 * ended — its history with the reviews (never a dead console). `watch` is the read-only 大屏.
 */
function RoomConsole({
  identity,
  roomId,
  watch,
  onLeave,
}: {
  identity: StudioIdentity;
  roomId: string;
  watch: boolean;
  onLeave: () => void;
}) {
  const [version, setVersion] = useState(0);
  const room = useApi<RoomSummary>(`/api/rooms/${roomId}?v=${version}`, identity.token);
  const scenario = useApi<{ targets?: Record<string, number> }>(
    room.state === 'ready' ? `/api/scenarios/${room.data.scenarioId}` : null,
  );
  const targets = scenario.state === 'ready' ? (scenario.data.targets ?? {}) : {};
  if (room.state === 'error') return <div className="page bad">{room.message}</div>;
  if (room.state !== 'ready') return null;
  if (room.data.session?.status === 'ended' && !watch)
    return (
      <RoomHistory
        token={identity.token}
        roomId={roomId}
        roomName={room.data.name}
        exam={room.data.settings.exam === true}
        onLeave={onLeave}
        onNewSession={() => setVersion((v) => v + 1)}
      />
    );
  return <Console token={identity.token} roomId={roomId} targets={targets} onLeave={onLeave} watch={watch} />;
}

export function App() {
  const { t } = useTranslation();
  const [identity, setIdentity] = useState<StudioIdentity | null>(loadIdentity);
  const [place, go] = usePlace();
  const signIn = (next: StudioIdentity | null) => {
    saveIdentity(next);
    setIdentity(next);
    go({});
  };

  const review = reviewRoute();
  if (review)
    return (
      <ReviewPage
        sessionId={review.sessionId}
        token={review.shareToken ?? identity?.token ?? null}
        readOnly={Boolean(review.shareToken)}
      />
    );

  const roomId = identity?.kind === 'staff' ? identity.roomId : place.room;
  if (identity && roomId) {
    return (
      <RoomConsole
        key={`${roomId}-${place.watch ? 'watch' : 'console'}`}
        identity={identity}
        roomId={roomId}
        watch={Boolean(place.watch)}
        onLeave={() =>
          identity.kind === 'staff' ? signIn(null) : go(place.class ? { class: place.class } : {})
        }
      />
    );
  }

  let body;
  if (identity?.kind === 'instructor' && place.class)
    body = (
      <ClassPage
        token={identity.token}
        classId={place.class}
        instructor
        onBack={() => go({})}
        onWatch={(room) => go({ class: place.class, room, watch: true })}
      />
    );
  else if (identity?.kind === 'instructor')
    body = (
      <>
        <ClassList token={identity.token} onOpen={(id) => go({ class: id })} />
        <RoomList token={identity.token} onOpen={(room) => go({ room })} />
      </>
    );
  else if (identity?.kind === 'trainee' && place.cs)
    body = <CsPractice token={identity.token} onBack={() => go({})} />;
  else if (identity?.kind === 'trainee' && place.class)
    body = (
      <ClassPage
        token={identity.token}
        classId={place.class}
        instructor={false}
        onBack={() => go({})}
        onWatch={(room) => go({ class: place.class, room })}
        onPractise={(room) => go({ class: place.class, room })}
      />
    );
  else if (identity?.kind === 'trainee')
    body = (
      <TraineeHome
        token={identity.token}
        onOpenClass={(id) => go({ class: id })}
        extra={
          <>
            <MyVideos token={identity.token} />
            <section className="panel">
              <h2>{t('classes.trainee_.cs')}</h2>
              <button
                type="button"
                className="primary"
                onClick={() => go({ cs: true })}
                data-testid="open-cs"
              >
                {t('classes.cs.start')}
              </button>
            </section>
          </>
        }
      />
    );
  else
    body = (
      <main className="grid">
        <div className="col">
          <ScenarioList />
        </div>
        <div className="col">
          <SignIn onSignedIn={signIn} />
          <HealthPanel />
        </div>
      </main>
    );

  return (
    <div className="shell">
      <header className="topbar">
        <h1>{t('app.title')}</h1>
        <span className="muted">{t('app.subtitle')}</span>
        <span className="spacer" />
        {identity && (
          <>
            <span className="muted" data-testid="signed-in-as">
              {identity.name} · {t(`auth.kind.${identity.kind}`)}
            </span>
            <button type="button" className="link" onClick={() => signIn(null)}>
              {t('auth.signOut')}
            </button>
          </>
        )}
        <LanguageSwitch />
      </header>
      {body}
    </div>
  );
}
