import Balances from "./Balances";
import OrderHistory from "./OrderHistory";

export default function App() {
  return (
    <main>
      <h1>tradebot</h1>
      <Balances />
      <OrderHistory />
    </main>
  );
}
