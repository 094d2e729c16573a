export default function App() {
  return (
    <main>
      <h1>tradebot</h1>
    </main>
  );
}
