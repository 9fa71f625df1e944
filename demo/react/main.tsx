/** A React 19 app with <bookwell-widget> on one of its two pages (client-side routes, as in any single-page app). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';

createRoot(document.querySelector('#root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
