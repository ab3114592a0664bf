import { Masked } from '@lowlight/react';

const ORDERS = [
  { id: 'A-1001', item: 'Walnut desk', total: '€420' },
  { id: 'A-1002', item: 'Reading lamp', total: '€65' },
  { id: 'A-1003', item: 'Oak shelf', total: '€180' },
];

export function Orders() {
  return (
    <>
      {/* React 19 moves <title> into the head: the route's title is set in the same commit as its content. */}
      <title>Orders · Lowlight React example</title>
      <h1>Orders</h1>
      <Masked as="p" id="customer">
        Signed in as Ada Lovelace
      </Masked>
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
