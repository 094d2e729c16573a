import Balances from "./Balances";

export default function App() {
  return (
    <main>
      <h1>tradebot</h1>
      <Balances />
    </main>
  );
}
