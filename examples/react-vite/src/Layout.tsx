import { NavLink, Outlet } from 'react-router';
import { useLowlight } from '@lowlight/react';

export function Layout() {
  const { state } = useLowlight();
  return (
    <>
      <nav>
        <NavLink to="/">Orders</NavLink> · <NavLink to="/contact">Contact</NavLink>
      </nav>
      <main>
        <Outlet />
      </main>
      <footer>Recording: {state.status}</footer>
    </>
  );
}
