import { useState } from 'react';
import type { FormEvent } from 'react';
import type { JoinResponse } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';

/** Join with the room code (from the link or QR code) and a nickname. */
export function JoinForm({
  initialCode,
  onJoined,
}: {
  initialCode: string;
  onJoined: (joined: JoinResponse, mode: 'live' | 'feed') => void;
}) {
  const { t, i18n } = useTranslation();
  const [code, setCode] = useState(initialCode);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const mode = submitter?.value === 'feed' ? 'feed' : 'live';
    setError(null);
    fetch('/api/join', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, name }),
    })
      .then(async (response) => {
        if (response.status === 429) throw new Error(t('join.tooMany'));
        const body = (await response.json()) as JoinResponse & { message?: string };
        // In the phone's language: a code that names no room, a nickname or code the api refused.
        if (response.status === 404) throw new Error(t('join.noRoom'));
        if (response.status === 400) throw new Error(t('join.invalid'));
        if (!response.ok) throw new Error(t('join.failed', { status: response.status }));
        // The address now carries the room, so sharing it brings friends straight here.
        const url = new URL(window.location.href);
        url.searchParams.set('room', code.trim().toUpperCase());
        window.history.replaceState(null, '', url);
        onJoined(body, mode);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <form className="join" onSubmit={submit} data-testid="join">
      <h1>{t('join.title')}</h1>
      <input
        name="code"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        placeholder={t('join.code')}
        required
      />
      <input
        name="nickname"
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder={t('join.name')}
        maxLength={32}
        required
      />
      <button type="submit" value="live">
        {t('join.enter')}
      </button>
      <button type="submit" value="feed" className="secondary" data-testid="open-feed">
        {t('join.feed')}
      </button>
      {error && <p className="error">{error}</p>}
      <button
        type="button"
        className="language"
        onClick={() => void i18n.changeLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}
      >
        {t('join.language')}
      </button>
    </form>
  );
}
