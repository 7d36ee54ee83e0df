import { useState } from 'react';
import type { JoinResponse } from '@livelab/contracts';
import { JoinForm } from './features/room/components/join-form';
import { LiveRoom } from './features/room/components/live-room';

/** The phone live room: join by code, then watch. Shopping and comments arrive with the viewer issue. */
export function App() {
  const code = new URLSearchParams(window.location.search).get('room') ?? '';
  const [joined, setJoined] = useState<JoinResponse | null>(null);
  return joined ? <LiveRoom joined={joined} /> : <JoinForm initialCode={code} onJoined={setJoined} />;
}
