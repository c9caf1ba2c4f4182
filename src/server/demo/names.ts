/**
 * Common UK given and family names for fictional demo people. Combined at random by a seeded
 * generator, so the people are invented but read as a class register in England would.
 */
export const GIVEN_NAMES = [
  'Oliver', 'Amelia', 'George', 'Isla', 'Noah', 'Ava', 'Arthur', 'Mia', 'Harry', 'Ivy', 'Leo', 'Lily',
  'Muhammad', 'Isabella', 'Jack', 'Rosie', 'Charlie', 'Sophia', 'Oscar', 'Grace', 'Jacob', 'Willow',
  'Henry', 'Freya', 'Thomas', 'Florence', 'Freddie', 'Emily', 'Alfie', 'Ella', 'Theo', 'Poppy',
  'William', 'Evie', 'Archie', 'Elsie', 'Joshua', 'Charlotte', 'Alexander', 'Sienna', 'James', 'Daisy',
  'Isaac', 'Phoebe', 'Edward', 'Harper', 'Samuel', 'Aisha', 'Reuben', 'Maryam', 'Dylan', 'Niamh',
  'Rhys', 'Seren', 'Callum', 'Eilidh', 'Ethan', 'Zara', 'Kai', 'Priya', 'Aarav', 'Hannah', 'Owen', 'Erin',
] as const;

export const FAMILY_NAMES = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Robinson',
  'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Thomas', 'Clarke',
  'Jackson', 'Wood', 'Harris', 'Edwards', 'Turner', 'Martin', 'Cooper', 'Hill', 'Ward', 'Hughes',
  'Moore', 'Clark', 'King', 'Harrison', 'Lewis', 'Baker', 'Lee', 'Allen', 'Morris', 'Khan', 'Scott',
  'Watson', 'Davis', 'Parker', 'James', 'Bennett', 'Young', 'Phillips', 'Richardson', 'Mitchell',
  'Bailey', 'Carter', 'Cook', 'Singh', 'Shaw', 'Bell', 'Collins', 'Morgan', 'Kelly', 'Begum', 'Ali',
  'Murphy', 'Price', 'Owen', 'Campbell', 'Ahmed', 'Murray', 'Griffiths', 'Chapman', 'Ellis', 'Hussain',
] as const;
