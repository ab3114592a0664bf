export const metadata = { title: 'Contact · Lowlight Next.js example' };

/** Receives the form on the server (and, in this example, keeps nothing). */
async function send(): Promise<void> {
  'use server';
}

/**
 * A server component with a form posted to a server action: what is typed is recorded only as masked, and never
 * lands in a URL (a plain `<form>` would GET `/contact?name=…`, and the pageview would record that address).
 */
export default function Contact() {
  return (
    <>
      <h1>Contact us</h1>
      <form action={send}>
        <label>
          Name <input name="name" autoComplete="name" />
        </label>
        <label>
          Message <textarea name="message" />
        </label>
        <button type="submit">Send</button>
      </form>
    </>
  );
}
