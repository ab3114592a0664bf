import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { LowlightProvider } from '@lowlight/react';
import { Layout } from './Layout';
import { Orders } from './Orders';
import { Contact } from './Contact';

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/', element: <Orders /> },
      { path: '/contact', element: <Contact /> },
    ],
  },
]);

// The example's server forwards `/lowlight` to the local Lowlight server; in your app, use your project's ingest URL.
const endpoint = new URL('/lowlight', location.href).href;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LowlightProvider options={{ endpoint, flushIntervalMs: 1000 }}>
      <RouterProvider router={router} />
    </LowlightProvider>
  </StrictMode>,
);
