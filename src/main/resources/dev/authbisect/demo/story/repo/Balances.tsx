import { useEffect, useState } from "react";

type Balance = { currency: string; quantity: string };

export default function Balances() {
  const [rows, setRows] = useState<Balance[]>([]);
  useEffect(() => {
    fetch("/api/balances").then((r) => r.json()).then(setRows);
  }, []);
  return (
    <table>
      <tbody>
        {rows.map((b) => (
          <tr key={b.currency}><td>{b.currency}</td><td>{b.quantity}</td></tr>
        ))}
      </tbody>
    </table>
  );
}
