import { useState, type FormEvent } from 'react';

export function Contact() {
  const [sent, setSent] = useState(false);
  const send = (event: FormEvent) => {
    event.preventDefault();
    setSent(true);
  };
  return (
    <>
      <title>Contact · Lowlight React example</title>
      <h1>Contact us</h1>
      <form onSubmit={send}>
        <label>
          Name <input name="name" autoComplete="name" />
        </label>
        <label>
          Message <textarea name="message" />
        </label>
        <button type="submit">Send</button>
      </form>
      {sent && <p>Thanks, we will be in touch.</p>}
    </>
  );
}
