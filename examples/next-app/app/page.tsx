import { maskProps } from '@lowlight/react';

export const metadata = { title: 'Orders · Lowlight Next.js example' };

const ORDERS = [
  { id: 'A-1001', item: 'Walnut desk', total: '€420' },
  { id: 'A-1002', item: 'Reading lamp', total: '€65' },
  { id: 'A-1003', item: 'Oak shelf', total: '€180' },
];

/** A server component: its HTML, the masked customer line and its `data-ll-mask` mark included, is rendered on the server. */
export default function Orders() {
  return (
    <>
      <h1>Orders</h1>
      <p {...maskProps} id="customer">
        Signed in as Ada Lovelace
      </p>
      <ul>
        {ORDERS.map((order) => (
          <li key={order.id}>
            {order.id}: {order.item}, {order.total}
          </li>
        ))}
      </ul>
    </>
  );
}
