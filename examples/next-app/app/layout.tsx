import type { ReactNode } from 'react';
import Link from 'next/link';
import { connection } from 'next/server';
import { LowlightProvider } from '@lowlight/react';

export const metadata = { title: 'Lowlight Next.js example' };

/**
 * A server component. `LowlightProvider` is a client component ('use client' in @lowlight/react), so it can sit here
 * and receive plain options; it creates the recorder in the browser and starts it after hydration.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection(); // read the endpoint when serving, not when building
  const endpoint = process.env.LOWLIGHT_ENDPOINT;
  const page = (
    <>
      <nav>
        <Link href="/">Orders</Link> · <Link href="/contact">Contact</Link>
      </nav>
      <main>{children}</main>
    </>
  );
  return (
    <html lang="en">
      <body>{endpoint ? <LowlightProvider options={{ endpoint, flushIntervalMs: 1000 }}>{page}</LowlightProvider> : page}</body>
    </html>
  );
}
