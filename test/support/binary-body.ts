/** A supertest parser that keeps the response as bytes (PDFs, zips, images), for `.parse(binaryBody)`. */
export function binaryBody(
  res: { on(event: string, listener: (chunk?: Buffer) => void): void },
  done: (error: Error | null, body: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk) => chunks.push(chunk!));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
