/** The lobby's elements from index.html, looked up once and checked, so a renamed id fails loudly. */

export interface LobbyElements {
  lobby: HTMLElement;
  message: HTMLElement;
  profileForm: HTMLFormElement;
  nameInput: HTMLInputElement;
  colorInput: HTMLInputElement;
  createButton: HTMLButtonElement;
  publicCheckbox: HTMLInputElement;
  joinForm: HTMLFormElement;
  joinCode: HTMLInputElement;
  roomBar: HTMLElement;
  roomCode: HTMLElement;
  shareLink: HTMLInputElement;
  copyButton: HTMLButtonElement;
  leaveButton: HTMLButtonElement;
  toast: HTMLElement;
}

function byId<T extends HTMLElement>(root: Document, id: string, type: new () => T): T {
  const element = root.getElementById(id);
  if (!(element instanceof type)) throw new Error(`index.html lacks #${id} (${type.name})`);
  return element;
}

export function findLobbyElements(root: Document): LobbyElements {
  return {
    lobby: byId(root, 'lobby', HTMLElement),
    message: byId(root, 'lobby-message', HTMLElement),
    profileForm: byId(root, 'profile-form', HTMLFormElement),
    nameInput: byId(root, 'player-name', HTMLInputElement),
    colorInput: byId(root, 'player-color', HTMLInputElement),
    createButton: byId(root, 'create-room', HTMLButtonElement),
    publicCheckbox: byId(root, 'room-public', HTMLInputElement),
    joinForm: byId(root, 'join-form', HTMLFormElement),
    joinCode: byId(root, 'join-code', HTMLInputElement),
    roomBar: byId(root, 'room-bar', HTMLElement),
    roomCode: byId(root, 'room-code', HTMLElement),
    shareLink: byId(root, 'share-link', HTMLInputElement),
    copyButton: byId(root, 'copy-link', HTMLButtonElement),
    leaveButton: byId(root, 'leave-room', HTMLButtonElement),
    toast: byId(root, 'toast', HTMLElement),
  };
}
