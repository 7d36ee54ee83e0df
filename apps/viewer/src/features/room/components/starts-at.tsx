import { useEffect, useState } from 'react';
import type { JoinResponse, RoomSummary } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';

/** The planned start of the stream, if the instructor set one, in the phone's own time zone. */
export function StartsAt({ joined }: { joined: JoinResponse }) {
  const { t, i18n } = useTranslation();
  const [startsAt, setStartsAt] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch(`/api/rooms/${joined.roomId}`, {
      signal: controller.signal,
      headers: { authorization: `Bearer ${joined.token}` },
    })
      .then((response) => (response.ok ? (response.json() as Promise<RoomSummary>) : null))
      .then((room) => setStartsAt(room?.settings.startsAt ?? null))
      .catch(() => undefined);
    return () => controller.abort();
  }, [joined.roomId, joined.token]);
  if (!startsAt) return null;
  const time = new Date(startsAt).toLocaleString(i18n.language, {
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  return (
    <p className="starts-at" data-testid="starts-at">
      {t('waiting.startsAt', { time })}
    </p>
  );
}
