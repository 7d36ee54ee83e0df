import { useState } from 'react';
import type { JoinResponse } from '@livelab/contracts';
import { ShortVideoFeed } from './features/feed/short-video-feed';
import { JoinForm } from './features/room/components/join-form';
import { LiveRoom } from './features/room/components/live-room';
import { rememberedJoin, rememberJoin } from './features/room/remembered-join';

type Place =
  | { kind: 'join' }
  | { kind: 'feed'; joined: JoinResponse }
  | { kind: 'live'; joined: JoinResponse; source: 'link' | 'shortVideo' };

/** The phone: join by code, then the live room, or the class's short videos whose 直播中 avatar leads into one. */
export function App() {
  const code = (new URLSearchParams(window.location.search).get('room') ?? '').toUpperCase();
  // A reload comes back into the room as the same viewer (./features/room/remembered-join.ts).
  const [place, setPlace] = useState<Place>(() => {
    const joined = rememberedJoin(code);
    return joined ? { kind: 'live', joined, source: 'link' } : { kind: 'join' };
  });
  if (place.kind === 'live') return <LiveRoom joined={place.joined} source={place.source} />;
  if (place.kind === 'feed')
    return (
      <ShortVideoFeed
        joined={place.joined}
        onEnterLive={(joined) => setPlace({ kind: 'live', joined, source: 'shortVideo' })}
      />
    );
  return (
    <JoinForm
      initialCode={code}
      onJoined={(joined, mode) => {
        const room = (new URLSearchParams(window.location.search).get('room') ?? '').toUpperCase();
        if (mode === 'live') rememberJoin(room, joined);
        setPlace(mode === 'feed' ? { kind: 'feed', joined } : { kind: 'live', joined, source: 'link' });
      }}
    />
  );
}
