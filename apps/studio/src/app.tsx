import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SignIn } from './features/auth/components/sign-in';
import type { StudioIdentity } from './features/auth/session-store';
import { loadIdentity, saveIdentity } from './features/auth/session-store';
import { Console } from './features/console/components/console';
import { HealthPanel } from './features/overview/components/health-panel';
import { ScenarioList } from './features/overview/components/scenario-list';
import { useApi } from './features/overview/hooks/use-api';
import { ReviewPage, reviewRoute } from './features/review/components/review-page';
import { RoomList } from './features/rooms/components/room-list';
import { setLanguage } from './i18n';

/** Targets come from the room's scenario; the console compares live figures against them. */
function RoomConsole({
  identity,
  roomId,
  onLeave,
}: {
  identity: StudioIdentity;
  roomId: string;
  onLeave: () => void;
}) {
  const room = useApi<{ scenarioId: string }>(`/api/rooms/${roomId}`, identity.token);
  const scenario = useApi<{ targets?: Record<string, number> }>(
    room.state === 'ready' ? `/api/scenarios/${room.data.scenarioId}` : null,
  );
  const targets = scenario.state === 'ready' ? (scenario.data.targets ?? {}) : {};
  return <Console token={identity.token} roomId={roomId} targets={targets} onLeave={onLeave} />;
}

export function App() {
  const { t, i18n } = useTranslation();
  const [identity, setIdentity] = useState<StudioIdentity | null>(loadIdentity);
  const [openRoom, setOpenRoom] = useState<string | null>(null);
  const signIn = (next: StudioIdentity | null) => {
    saveIdentity(next);
    setIdentity(next);
    setOpenRoom(null);
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

  const roomId = identity?.kind === 'staff' ? identity.roomId : openRoom;
  if (identity && roomId) {
    return (
      <RoomConsole
        identity={identity}
        roomId={roomId}
        onLeave={() => (identity.kind === 'staff' ? signIn(null) : setOpenRoom(null))}
      />
    );
  }
  return (
    <div className="shell">
      <header className="topbar">
        <h1>{t('app.title')}</h1>
        <span className="muted">{t('app.subtitle')}</span>
        <span className="spacer" />
        {identity && (
          <>
            <span className="muted">{identity.name}</span>
            <button type="button" className="link" onClick={() => signIn(null)}>
              {t('auth.signOut')}
            </button>
          </>
        )}
        <button
          type="button"
          className="link"
          onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}
        >
          {t('language.switch')}
        </button>
      </header>
      {identity?.kind === 'instructor' ? (
        <RoomList token={identity.token} onOpen={setOpenRoom} />
      ) : (
        <main className="grid">
          <div className="col">
            <ScenarioList />
          </div>
          <div className="col">
            <SignIn onSignedIn={signIn} />
            <HealthPanel />
          </div>
        </main>
      )}
    </div>
  );
}
