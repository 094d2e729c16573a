import { useEffect, useState } from "react";

type Order = { order_id: string; instrument_name: string; side: string; status: string };

export default function OrderHistory() {
  const [orders, setOrders] = useState<Order[]>([]);
  useEffect(() => {
    fetch("/api/orders/history").then((r) => r.json()).then(setOrders);
  }, []);
  return (
    <ul>
      {orders.map((o) => (
        <li key={o.order_id}>{o.instrument_name} {o.side} {o.status}</li>
      ))}
    </ul>
  );
}
